namespace Platform.Redis.RateLimiting;

/// <summary>One rate limit of an admission: at most <paramref name="Limit"/> units per <paramref name="Window"/> for <paramref name="Key"/>.</summary>
/// <param name="Key">The Redis key holding the limit's state, as given; the same key as <see cref="RedisRateLimiter"/> uses for this limit.</param>
/// <param name="Limit">Units per window (at least 1).</param>
/// <param name="Window">The window (at least a microsecond).</param>
/// <param name="Cost">Units this call spends (at least 1): 1 for a request, its tokens for a token limit.</param>
public readonly record struct RateLimitCheck(string Key, int Limit, TimeSpan Window, long Cost = 1);
