namespace Platform.Pricing;

/// <summary>Prices that replace the base prices for the whole request when its prompt is longer than the threshold.</summary>
public sealed record PriceTier(long AbovePromptTokens, TokenPrices Prices);
