namespace Platform.Ledger.Pricing;

/// <summary>What a catalog entry costs a user in coins, group multiplier applied (off-peak factor not applied).</summary>
internal sealed record PriceListEntry(
    string Model, string Group, decimal Multiplier, TokenCoins? PerToken, long? TierAbovePromptTokens, TokenCoins? TierPerToken, decimal? PerCall);
