namespace Platform.Pricing;

/// <summary>One model's official price: per token kind (optionally tiered), or a fixed price per call.</summary>
public sealed record ModelPrice(
    string Model,
    string Group,
    PriceCurrency Currency,
    TokenPrices? PerMillionTokens = null,
    PriceTier? Tier = null,
    decimal? PerCall = null);
