namespace Platform.Pricing;

/// <summary>
/// cost = sum over token kinds of tokens x price per 1M x coins per currency unit, or calls x price per call, then
/// x group multiplier x schedule factor; all in decimal, rounded up to a micro-coin once per request.
/// Price per 1M tokens x coins per unit is exactly micro-coins per token, so no division is needed.
/// </summary>
public static class PriceCalculator
{
    public static PriceQuote Calculate(CatalogVersion version, TokenUsage usage, DateTimeOffset at)
    {
        var catalog = version.Catalog;
        var price = catalog.Find(usage.Model)
            ?? throw new PricingException($"model '{usage.Model}' has no price in catalog version {version.Version}; an operator adds it through /admin/v1/pricing");
        var multiplier = catalog.GroupMultipliers[price.Group];
        var offPeak = catalog.OffPeak.IsOffPeak(at);
        var factor = offPeak ? catalog.OffPeak.Factor : 1m;
        var coinsPerUnit = CoinsPerUnit(price.Currency);

        decimal exactMicroCoins;
        TokenPrices? applied = null;
        var tierApplied = false;
        if (price.PerCall is { } perCall)
        {
            if (usage.Calls <= 0)
            {
                throw new PricingException($"model '{usage.Model}' is priced per call: set calls to the number of calls made (1 or more)");
            }
            exactMicroCoins = usage.Calls * perCall * coinsPerUnit * Coins.MicroPerCoin;
        }
        else
        {
            Validate(usage);
            tierApplied = price.Tier is { } tier && usage.PromptTokens > tier.AbovePromptTokens;
            applied = tierApplied ? price.Tier!.Prices : price.PerMillionTokens!;
            var uncachedInput = usage.PromptTokens - usage.CachedTokens - usage.CacheWriteTokens - usage.AudioInputTokens;
            var textOutput = usage.CompletionTokens - usage.AudioOutputTokens;
            var perMillion =
                uncachedInput * applied.Input
                + usage.CachedTokens * (applied.CachedInput ?? applied.Input)
                + usage.CacheWriteTokens * (applied.CacheWrite ?? applied.Input)
                + usage.AudioInputTokens * (applied.AudioInput ?? applied.Input)
                + textOutput * applied.Output
                + usage.AudioOutputTokens * (applied.AudioOutput ?? applied.Output);
            exactMicroCoins = perMillion * coinsPerUnit;
        }

        var cost = Coins.RoundUp(exactMicroCoins * multiplier * factor);
        return new PriceQuote(cost, new PriceSnapshot(
            version.Version, price.Model, price.Group, price.Currency, applied, tierApplied, price.PerCall, multiplier, factor, offPeak));
    }

    public static decimal CoinsPerUnit(PriceCurrency currency) => currency switch
    {
        PriceCurrency.Usd => Coins.PerUsd,
        PriceCurrency.Cny => Coins.PerCny,
        _ => 1m,
    };

    private static void Validate(TokenUsage usage)
    {
        if (usage.PromptTokens < 0 || usage.CompletionTokens < 0 || usage.CachedTokens < 0 || usage.CacheWriteTokens < 0
            || usage.AudioInputTokens < 0 || usage.AudioOutputTokens < 0)
        {
            throw new PricingException("token counts cannot be negative");
        }
        if (usage.CachedTokens + usage.CacheWriteTokens + usage.AudioInputTokens > usage.PromptTokens)
        {
            throw new PricingException(
                $"cached ({usage.CachedTokens}) + cache-write ({usage.CacheWriteTokens}) + audio input ({usage.AudioInputTokens}) tokens exceed prompt_tokens ({usage.PromptTokens}); prompt_tokens must include them");
        }
        if (usage.AudioOutputTokens > usage.CompletionTokens)
        {
            throw new PricingException(
                $"audio output tokens ({usage.AudioOutputTokens}) exceed completion_tokens ({usage.CompletionTokens}); completion_tokens must include them");
        }
    }
}
