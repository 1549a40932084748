using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>The catalog as users read it: what each model costs in coins.</summary>
internal static class PriceList
{
    public static IEnumerable<PriceListEntry> From(PriceCatalog catalog, string modelPrefix) =>
        catalog.Models
            .Where(entry => entry.Model.StartsWith(modelPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(entry =>
            {
                var multiplier = catalog.GroupMultipliers[entry.Group];
                var coinsPerUnit = PriceCalculator.CoinsPerUnit(entry.Currency) * multiplier;
                return new PriceListEntry(entry.Model, entry.Group, multiplier,
                    PerToken(entry.PerMillionTokens, coinsPerUnit), entry.Tier?.AbovePromptTokens, PerToken(entry.Tier?.Prices, coinsPerUnit),
                    entry.PerCall * coinsPerUnit);
            });

    // A price per 1M tokens in a currency unit x coins per unit / 1M = coins per token.
    private static TokenCoins? PerToken(TokenPrices? prices, decimal coinsPerUnit)
    {
        if (prices is null)
        {
            return null;
        }
        decimal Coins(decimal perMillion) => perMillion * coinsPerUnit / 1_000_000m;
        return new TokenCoins(
            Coins(prices.Input), Coins(prices.Output), Coins(prices.CachedInput ?? prices.Input), Coins(prices.CacheWrite ?? prices.Input),
            Coins(prices.AudioInput ?? prices.Input), Coins(prices.AudioOutput ?? prices.Output));
    }
}
