using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>
/// One model's price in coins: per token (with the prices of prompts longer than tier_above_prompt_tokens, if tiered)
/// or per call (images, Midjourney, Flux, search).
/// </summary>
internal sealed record ModelPriceView(
    string Model,
    string Group,
    string Multiplier,
    TokenCoinsView? CoinsPerToken,
    long? TierAbovePromptTokens,
    TokenCoinsView? TierCoinsPerToken,
    string? CoinsPerCall)
{
    public static ModelPriceView From(ModelPriceEntry entry) => new(
        entry.Model,
        entry.Group,
        entry.Multiplier,
        TokenCoinsView.From(entry.CoinsPerToken),
        entry.TierAbovePromptTokens == 0 ? null : entry.TierAbovePromptTokens,
        TokenCoinsView.From(entry.TierCoinsPerToken),
        entry.CoinsPerCall.Length == 0 ? null : entry.CoinsPerCall);
}
