using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// A distributed rate limiter (GCRA, one script call per request): at most <c>limit</c> requests per
/// <c>window</c> for a key, spread evenly once a burst of <c>limit</c> is used up. Made for every request of the
/// edge relay: one round trip, nothing allocated per call once warm. It is a <see cref="RedisAdmission"/> of one rate.
/// </summary>
public sealed class RedisRateLimiter(RedisClient redis)
{
    private readonly RedisAdmission _admission = new(redis);

    /// <summary>Counts a request against <paramref name="key"/> (used as the Redis key, as given) if it is allowed.</summary>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<RateLimitResult> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default) =>
        AcquireAsync(key, limit, window, cost: 1, cancellationToken);

    /// <summary>
    /// Counts <paramref name="cost"/> units (tokens, say) against a limit of <paramref name="limit"/> units per
    /// <paramref name="window"/>, all or nothing. A cost above the limit is never allowed.
    /// </summary>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<RateLimitResult> AcquireAsync(string key, int limit, TimeSpan window, long cost, CancellationToken cancellationToken = default) =>
        _admission.EvaluateAsync([new RateLimitCheck(key, limit, window, cost)], slot: null, Parse, cancellationToken);

    private static RateLimitResult Parse(ref RespReader reader)
    {
        var result = AdmissionScript.Parse(ref reader);
        return new RateLimitResult(result.Admitted, result.Remaining, result.RetryAfter);
    }
}
