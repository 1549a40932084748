using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// A distributed rate limiter (GCRA, one script call per request): at most <c>limit</c> requests per
/// <c>window</c> for a key, spread evenly once a burst of <c>limit</c> is used up. Made for every request of the
/// edge relay: one round trip, nothing allocated per call once warm.
/// </summary>
public sealed class RedisRateLimiter(RedisClient redis)
{
    /// <summary>Counts a request against <paramref name="key"/> (used as the Redis key, as given) if it is allowed.</summary>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<RateLimitResult> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default) =>
        AcquireAsync(key, limit, window, cost: 1, cancellationToken);

    /// <summary>
    /// Counts <paramref name="cost"/> units (tokens, say) against a limit of <paramref name="limit"/> units per
    /// <paramref name="window"/>, all or nothing. A cost above the limit is never allowed.
    /// </summary>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<RateLimitResult> AcquireAsync(string key, int limit, TimeSpan window, long cost, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, 1);
        if (window.Ticks < TimeSpan.TicksPerMicrosecond)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A rate limit window must be at least a microsecond.");
        }
        return redis.EvaluateAsync(
            GcraScript.Script, [key], [limit, window.Ticks / TimeSpan.TicksPerMicrosecond, cost], GcraScript.Parse, cancellationToken);
    }
}
