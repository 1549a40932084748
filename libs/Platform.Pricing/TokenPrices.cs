namespace Platform.Pricing;

/// <summary>
/// Prices per 1M tokens of each kind. A missing cached, cache-write or audio price falls back to the text price of the
/// same direction, so an incomplete entry can overcharge a little but never gives tokens away.
/// </summary>
public sealed record TokenPrices(
    decimal Input,
    decimal Output,
    decimal? CachedInput = null,
    decimal? CacheWrite = null,
    decimal? AudioInput = null,
    decimal? AudioOutput = null);
