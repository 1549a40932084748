using Platform.Ledger.Pricing;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Pricing;

public sealed class PriceCatalogTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public void CheckedInCatalog_IsValidAndCoversTheCommonModels()
    {
        var catalog = CheckedInCatalog.Load();

        Assert.Empty(catalog.Validate());
        string[] required =
        [
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o1", "o3", "o3-mini", "o4-mini", "text-embedding-3-small",
            "dall-e-3", "gpt-image-1", "tts-1", "claude-3-5-haiku", "claude-3-5-sonnet", "claude-3-7-sonnet", "claude-3-opus",
            "gemini-1.5-pro", "gemini-1.5-flash", "gemini-2.0-flash", "gemini-2.5-flash", "deepseek-chat", "deepseek-reasoner",
            "mj-imagine", "flux-pro-1.1", "search-serper",
        ];
        Assert.All(required, model => Assert.Equal(model, catalog.Find(model)?.Model));
        Assert.Equal(1.1m, catalog.GroupMultipliers["openai"]);
        Assert.Equal(1.0m, catalog.GroupMultipliers["deepseek"]);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var catalog = new PriceCatalog(new Dictionary<string, decimal> { ["g"] = 0 }, new OffPeakSchedule(480, 0, 9, true, 1),
            [new ModelPrice("a", "missing", PriceCurrency.Usd, new TokenPrices(-1, 1)), new ModelPrice("a", "g", PriceCurrency.Usd)]);

        var problems = catalog.Validate();

        Assert.Contains(problems, p => p.Contains("multiplier 0"));
        Assert.Contains(problems, p => p.Contains("listed 2 times"));
        Assert.Contains(problems, p => p.Contains("group 'missing'"));
        Assert.Contains(problems, p => p.Contains("negative price"));
        Assert.Contains(problems, p => p.Contains("exactly one of perMillionTokens and perCall"));
    }

    [Fact]
    public async Task Store_SeedsVersionOneAndPublishesNewVersions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var seeded = await ledger.Catalogs.LatestAsync(ct);
        var changed = seeded!.Catalog with
        {
            GroupMultipliers = new Dictionary<string, decimal>(seeded.Catalog.GroupMultipliers) { ["openai"] = 1.2m },
        };

        var published = await ledger.Catalogs.PublishAsync(changed, null, "operator@example.com", "raise OpenAI multiplier", ct);
        await ledger.Catalogs.SeedAsync(CheckedInCatalog.Load(), ct);

        Assert.Equal(1, seeded.Version);
        Assert.Equal(2, published.Published.Version);
        var latest = await ledger.Catalogs.LatestAsync(ct);
        Assert.Equal(2, latest!.Version);
        Assert.Equal(1.2m, latest.Catalog.GroupMultipliers["openai"]);
        await Assert.ThrowsAsync<PricingException>(() => ledger.Catalogs.PublishAsync(changed with { Models = [] , GroupMultipliers = new Dictionary<string, decimal> { ["x"] = -1 } }, null, "op", "bad", ct));
    }
}
