using System.Buffers;
using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// Admits a call against several rate limits and, optionally, one concurrency slot in one round trip, all or
/// nothing: only when every check passes are they all counted, so a call refused by one limit has spent none of the
/// others. Keys are shared with <see cref="RedisRateLimiter"/> and <see cref="RedisConcurrencyLimiter"/> (both are
/// this admission with one check); release a slot with <see cref="RedisConcurrencyLimiter.ReleaseAsync"/>.
/// </summary>
public sealed class RedisAdmission(RedisClient redis)
{
    /// <summary>
    /// Checks <paramref name="rates"/> in order, then <paramref name="slot"/>; if all pass, counts every rate's cost
    /// and takes the slot for its holder. The first check that fails is reported and nothing is changed.
    /// </summary>
    /// <exception cref="ArgumentException">There is nothing to check, or a check is invalid (empty key, limit or cost below 1, window under a microsecond, lease under a millisecond).</exception>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<AdmissionResult> TryAdmitAsync(
        ReadOnlySpan<RateLimitCheck> rates, ConcurrencySlot? slot = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(rates, slot, AdmissionScript.Parse, cancellationToken);

    internal ValueTask<T> EvaluateAsync<T>(
        ReadOnlySpan<RateLimitCheck> rates, ConcurrencySlot? slot, ReplyParser<T> parser, CancellationToken cancellationToken)
    {
        Validate(rates, slot);
        var keyCount = rates.Length + (slot is null ? 0 : 1);
        var argumentCount = 1 + 3 * keyCount;
        var keys = ArrayPool<string>.Shared.Rent(keyCount);
        var arguments = ArrayPool<RedisArgument>.Shared.Rent(argumentCount);
        try
        {
            arguments[0] = rates.Length;
            for (var i = 0; i < rates.Length; i++)
            {
                keys[i] = rates[i].Key;
                arguments[1 + 3 * i] = rates[i].Limit;
                arguments[2 + 3 * i] = rates[i].Window.Ticks / TimeSpan.TicksPerMicrosecond;
                arguments[3 + 3 * i] = rates[i].Cost;
            }
            if (slot is { } taken)
            {
                keys[rates.Length] = taken.Key;
                arguments[argumentCount - 3] = taken.Limit;
                arguments[argumentCount - 2] = (long)taken.Lease.TotalMilliseconds;
                arguments[argumentCount - 1] = taken.Holder;
            }
            // The command is copied before EvaluateAsync returns, so the buffers can go back at once.
            return redis.EvaluateAsync(AdmissionScript.Script, keys.AsSpan(0, keyCount), arguments.AsSpan(0, argumentCount), parser, cancellationToken);
        }
        finally
        {
            // Cleared so the pool does not keep callers' strings alive.
            keys.AsSpan(0, keyCount).Clear();
            arguments.AsSpan(0, argumentCount).Clear();
            ArrayPool<string>.Shared.Return(keys);
            ArrayPool<RedisArgument>.Shared.Return(arguments);
        }
    }

    private static void Validate(ReadOnlySpan<RateLimitCheck> rates, ConcurrencySlot? slot)
    {
        if (rates.IsEmpty && slot is null)
        {
            throw new ArgumentException("An admission needs at least one rate limit or a slot to check.", nameof(rates));
        }
        foreach (var rate in rates)
        {
            ArgumentException.ThrowIfNullOrEmpty(rate.Key);
            ArgumentOutOfRangeException.ThrowIfLessThan(rate.Limit, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(rate.Cost, 1);
            if (rate.Window.Ticks < TimeSpan.TicksPerMicrosecond)
            {
                throw new ArgumentOutOfRangeException("rate.Window", rate.Window, "A rate limit window must be at least a microsecond.");
            }
        }
        if (slot.HasValue)
        {
            ArgumentException.ThrowIfNullOrEmpty(slot.Value.Key);
            ArgumentException.ThrowIfNullOrEmpty(slot.Value.Holder);
            ArgumentOutOfRangeException.ThrowIfLessThan(slot.Value.Limit, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(slot.Value.Lease, TimeSpan.FromMilliseconds(1));
        }
    }
}
