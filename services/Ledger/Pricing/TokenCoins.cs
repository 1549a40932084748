using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>Coins per token of each kind, with the fallbacks <see cref="PriceCalculator"/> charges for kinds without a price.</summary>
internal sealed record TokenCoins(decimal Input, decimal Output, decimal CachedInput, decimal CacheWrite, decimal AudioInput, decimal AudioOutput);
