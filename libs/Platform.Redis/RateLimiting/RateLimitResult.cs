namespace Platform.Redis.RateLimiting;

/// <summary>The limiter's answer for one request.</summary>
/// <param name="Allowed">Whether the request may proceed (and was counted).</param>
/// <param name="Remaining">How many more requests would be allowed right now.</param>
/// <param name="RetryAfter">When refused: how long until a request will be allowed (for a Retry-After header); zero when allowed.</param>
public readonly record struct RateLimitResult(bool Allowed, long Remaining, TimeSpan RetryAfter);
