using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// At most <c>limit</c> calls in flight per key across every relay instance: a sorted set of holders scored by when
/// they took their slot, in one Lua script per acquire (one round trip; it is a <see cref="RedisAdmission"/> of one
/// slot). A holder that never releases (a crashed instance) loses its slot after the lease, so a crash cannot shrink
/// the limit for good.
/// </summary>
public sealed class RedisConcurrencyLimiter(RedisClient redis)
{
    private readonly RedisAdmission _admission = new(redis);

    /// <summary>Takes a slot of <paramref name="key"/> for <paramref name="holder"/> (unique per call) if fewer than <paramref name="limit"/> are taken.</summary>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<bool> TryAcquireAsync(string key, int limit, string holder, TimeSpan lease, CancellationToken cancellationToken = default) =>
        _admission.EvaluateAsync([], new ConcurrencySlot(key, limit, holder, lease), Admitted, cancellationToken);

    /// <summary>Gives the holder's slot back; releasing twice, or after the lease ran out, is harmless.</summary>
    public async ValueTask ReleaseAsync(string key, string holder, CancellationToken cancellationToken = default) =>
        await redis.ExecuteAsync("ZREM", [key, holder], cancellationToken);

    private static bool Admitted(ref RespReader reader) => AdmissionScript.Parse(ref reader).Admitted;
}
