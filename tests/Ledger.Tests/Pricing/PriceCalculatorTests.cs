using Platform.Ledger.Pricing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Pricing;

/// <summary>Cases from the reference changelog's pricing notes, on the checked-in catalog and on small custom ones.</summary>
public sealed class PriceCalculatorTests
{
    // A Wednesday 12:00 UTC+8: peak hours.
    private static readonly DateTimeOffset Peak = new(2025, 6, 11, 4, 0, 0, TimeSpan.Zero);
    private static readonly CatalogVersion CheckedIn = new(1, CheckedInCatalog.Load());

    private static CatalogVersion Single(ModelPrice price, decimal multiplier = 1m, decimal offPeakFactor = 1m) =>
        new(7, new PriceCatalog(new Dictionary<string, decimal> { [price.Group] = multiplier }, new OffPeakSchedule(480, 0, 9, true, offPeakFactor), [price]));

    private static long Cost(CatalogVersion catalog, TokenUsage usage, DateTimeOffset? at = null) =>
        PriceCalculator.Calculate(catalog, usage, at ?? Peak).CostMicroCoins;

    [Theory]
    [InlineData(1, 0, 1_250_000)]   // $5 / 1M input: 1 tk = (5 * 250000) / 1000000 = 1.25 coins
    [InlineData(0, 1, 3_750_000)]   // $15 / 1M output: 3.75 coins
    public void Gpt4o_0513_MatchesReferenceCoinsPerToken(long prompt, long completion, long expected)
    {
        var catalog = Single(CheckedIn.Catalog.Find("gpt-4o-2024-05-13")!);
        Assert.Equal(expected, Cost(catalog, new("gpt-4o-2024-05-13", prompt, completion)));
    }

    [Theory]
    [InlineData(128_000, 875_000)]    // <= 128K: $3.50 = 0.875 coins per input token
    [InlineData(128_001, 1_750_000)]  // > 128K: $7.00 = 1.75 coins, for the whole prompt
    public void Gemini15Pro_PromptAbove128KUsesTierForWholeRequest(long prompt, long microPerToken)
    {
        var catalog = Single(CheckedIn.Catalog.Find("gemini-1.5-pro")!);
        var quote = PriceCalculator.Calculate(catalog, new("gemini-1.5-pro", prompt, 100), Peak);
        var outputPerToken = prompt > 128_000 ? 5_250_000 : 2_625_000;  // $21.00 / $10.50 per 1M
        Assert.Equal(prompt * microPerToken + 100 * outputPerToken, quote.CostMicroCoins);
        Assert.Equal(prompt > 128_000, quote.Snapshot.TierApplied);
    }

    [Fact]
    public void Cny_PricesUse34000CoinsPerYuan()
    {
        // deepseek-chat: ¥2 input, ¥0.5 cache hit, ¥8 output per 1M; group multiplier 1.0.
        var cost = Cost(CheckedIn, new("deepseek-chat", PromptTokens: 1_000_000, CompletionTokens: 1_000_000, CachedTokens: 400_000));
        Assert.Equal((600_000 * 2m + 400_000 * 0.5m + 1_000_000 * 8m) * 34_000m, cost);
    }

    [Fact]
    public void GroupMultiplierAppliesToOfficialPrice()
    {
        // gpt-4o: $2.50 / 1M = 0.625 coins per token, x 1.1 for the OpenAI group.
        Assert.Equal(1000 * 687_500, Cost(CheckedIn, new("gpt-4o", PromptTokens: 1000)));
    }

    [Fact]
    public void CostIsRoundedUpOnceForTheWholeRequest()
    {
        // $0.000001 / 1M tokens = 0.25 micro-coins per token: rounding per token would charge 1 per token.
        var catalog = Single(new ModelPrice("cheap", "g", PriceCurrency.Usd, new TokenPrices(0.000001m, 0)));
        Assert.Equal(1, Cost(catalog, new("cheap", PromptTokens: 3)));        // 0.75 micro-coins -> 1, not 3
        Assert.Equal(3, Cost(catalog, new("cheap", PromptTokens: 10)));       // 2.5 -> 3
    }

    [Fact]
    public void OffPeakFactorAppliesAtNightAndWeekendsInUtcPlus8()
    {
        var catalog = Single(new ModelPrice("m", "g", PriceCurrency.Usd, new TokenPrices(4, 0)), offPeakFactor: 0.5m);
        var usage = new TokenUsage("m", PromptTokens: 1);
        Assert.Equal(1_000_000, Cost(catalog, usage, Peak));
        Assert.Equal(500_000, Cost(catalog, usage, new DateTimeOffset(2025, 6, 11, 0, 30, 0, TimeSpan.Zero)));  // 08:30 UTC+8
        Assert.Equal(1_000_000, Cost(catalog, usage, new DateTimeOffset(2025, 6, 11, 1, 0, 0, TimeSpan.Zero)));  // 09:00 UTC+8
        Assert.Equal(500_000, Cost(catalog, usage, new DateTimeOffset(2025, 6, 14, 4, 0, 0, TimeSpan.Zero)));   // Saturday
    }

    [Fact]
    public void CacheAndAudioTokensUseTheirOwnPrices()
    {
        // claude-3-5-sonnet: $3 input, $0.30 cache read, $3.75 cache write, $15 output; x 1.1.
        Assert.Equal(Coins.RoundUp((200 * 3m + 600 * 0.30m + 200 * 3.75m + 100 * 15m) * 250_000m * 1.1m),
            Cost(CheckedIn, new("claude-3-5-sonnet", 1000, 100, CachedTokens: 600, CacheWriteTokens: 200)));
        // gpt-4o-audio-preview: audio $100 in / $200 out = 25 / 50 coins per token (reference), text $2.50 / $10.
        var audio = Single(CheckedIn.Catalog.Find("gpt-4o-audio-preview")!);
        Assert.Equal(10 * 625_000 + 2 * 25_000_000 + 5 * 2_500_000 + 1 * 50_000_000,
            Cost(audio, new("gpt-4o-audio-preview", 12, 6, AudioInputTokens: 2, AudioOutputTokens: 1)));
    }

    [Fact]
    public void PerCallModelsChargePerCall()
    {
        // flux-pro-1.1 at $0.04 a call = 10,000 coins.
        Assert.Equal(2 * 10_000 * Coins.MicroPerCoin, Cost(CheckedIn, new("flux-pro-1.1", Calls: 2)));
        Assert.Throws<PricingException>(() => Cost(CheckedIn, new("mj-imagine")));
    }

    [Fact]
    public void DatedSnapshotsPriceAsTheirFamilyUnlessListed()
    {
        Assert.Equal("gpt-4o-mini", CheckedIn.Catalog.Find("gpt-4o-mini-2024-07-18")!.Model);
        Assert.Equal("gpt-4o-2024-05-13", CheckedIn.Catalog.Find("gpt-4o-2024-05-13")!.Model);
        Assert.Equal("gpt-4o", CheckedIn.Catalog.Find("gpt-4o-2024-08-06")!.Model);
        Assert.Null(CheckedIn.Catalog.Find("gpt-4"));
    }

    [Fact]
    public void UnpriceableUsageIsRefusedWithWhatToFix()
    {
        Assert.Contains("has no price", Assert.Throws<PricingException>(() => Cost(CheckedIn, new("gpt-5-turbo-ultra", 1))).Message);
        Assert.Contains("prompt_tokens must include them", Assert.Throws<PricingException>(() => Cost(CheckedIn, new("gpt-4o", 10, CachedTokens: 11))).Message);
        Assert.Throws<PricingException>(() => Cost(CheckedIn, new("gpt-4o", -1)));
    }
}
