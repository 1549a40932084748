namespace Platform.Redis.RateLimiting;

/// <summary>A slot an admission takes: one of at most <paramref name="Limit"/> calls in flight for <paramref name="Key"/>.</summary>
/// <param name="Key">The sorted set of holders, shared with <see cref="RedisConcurrencyLimiter"/>, which releases the slot.</param>
/// <param name="Limit">Calls in flight at once (at least 1).</param>
/// <param name="Holder">The call taking the slot, unique per call.</param>
/// <param name="Lease">How long the slot is held at most if it is never released (at least a millisecond).</param>
public readonly record struct ConcurrencySlot(string Key, int Limit, string Holder, TimeSpan Lease);
