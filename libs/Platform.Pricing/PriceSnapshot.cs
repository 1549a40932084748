namespace Platform.Pricing;

/// <summary>Every factor a cost was computed with, stored as JSON on the usage record.</summary>
public sealed record PriceSnapshot(
    int Version,
    string Model,
    string Group,
    PriceCurrency Currency,
    TokenPrices? PerMillionTokens,
    bool TierApplied,
    decimal? PerCall,
    decimal Multiplier,
    decimal ScheduleFactor,
    bool OffPeak);
