namespace Platform.Pricing;

/// <summary>A cost in micro-coins (rounded up once) and the snapshot of how it was reached.</summary>
public sealed record PriceQuote(long CostMicroCoins, PriceSnapshot Snapshot);
