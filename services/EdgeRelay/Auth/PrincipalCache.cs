using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Identity.V1;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Auth;

/// <summary>
/// Identity's Authenticate answers, cached per (secret, client address): accepted ones for a minute, refused ones for
/// ten seconds, so a hot key costs one gRPC call a minute and a scanner's junk costs nothing after its first try.
/// Entries are keyed by the SHA-256 of the secret (no secret is kept in memory) and dropped at once when identity
/// publishes that a key or user changed (<see cref="Evict"/>). Concurrent misses of one entry share one call.
/// </summary>
internal sealed class PrincipalCache(GrpcChannelProvider channels, TimeProvider clock)
{
    private static readonly TimeSpan AcceptedFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RefusedFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Hash, string Ip), Entry> _entries = new();

    public async ValueTask<AuthResult> AuthenticateAsync(string secret, IPAddress? client, CancellationToken cancellationToken)
    {
        var key = (Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), client?.ToString() ?? "");
        if (_entries.TryGetValue(key, out var cached) && cached.ExpiresAt > clock.GetTimestamp())
        {
            return await cached.Result.WaitAsync(cancellationToken);
        }

        var call = CallIdentityAsync(secret, key.Item2);
        var entry = new Entry(call, long.MaxValue);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[key] = entry;
        try
        {
            var result = await call.WaitAsync(cancellationToken);
            var lifetime = result.Principal is null ? RefusedFor : AcceptedFor;
            // Only the entry this call created gets its lifetime; an eviction in the meantime removed it, and stays.
            _entries.TryUpdate(key, entry with { ExpiresAt = clock.GetTimestamp() + (long)(lifetime.TotalSeconds * clock.TimestampFrequency) }, entry);
            return result;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
            throw;
        }
    }

    /// <summary>Drops every entry of the key, or of every key of the user.</summary>
    public void Evict(Guid? keyId, Guid? userId)
    {
        foreach (var (key, entry) in _entries)
        {
            if (!entry.Result.IsCompletedSuccessfully)
            {
                _entries.TryRemove(key, out _); // in flight: its answer may predate the change
                continue;
            }
            var principal = entry.Result.Result.Principal;
            if (principal is not null && ((keyId is not null && principal.KeyId == keyId) || (userId is not null && principal.UserId == userId)))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private async Task<AuthResult> CallIdentityAsync(string secret, string clientIp)
    {
        var auth = channels.CreateCaller("identity", AuthReflection.Descriptor.Services[0]);
        var reply = await auth.UnaryAsync<AuthenticateRequest, AuthenticateReply>("Authenticate",
            new AuthenticateRequest { Secret = secret, ClientIp = clientIp },
            new CallOptions(deadline: DateTime.UtcNow + CallTimeout, idempotent: true));
        return AuthResult.From(reply);
    }

    private sealed record Entry(Task<AuthResult> Result, long ExpiresAt);
}
