using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Grpc;

/// <summary>ledger.v1.LedgerPricing through the real process: the price list users see and the operators' versioned changes.</summary>
public sealed class PricingGrpcTests(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    private LedgerProcess _process = null!;
    private GrpcCaller _pricing = null!;
    private GrpcCaller _ledger = null!;

    public async ValueTask InitializeAsync()
    {
        _process = await LedgerProcess.StartAsync(infrastructure);
        _pricing = _process.Caller(PricingReflection.Descriptor.Services[0]);
        _ledger = _process.Caller(LedgerReflection.Descriptor.Services[0]);
    }

    [Fact]
    public async Task ListPrices_ShowsCoinsPerTokenWithTheMultiplier_TiersAndPerCallPrices()
    {
        var gemini = (await _pricing.CallAsync<ListPricesRequest, ListPricesReply>("ListPrices", new ListPricesRequest { ModelPrefix = "gemini-1.5-pro" })).Models.Single();
        var all = await _pricing.CallAsync<ListPricesRequest, ListPricesReply>("ListPrices", new ListPricesRequest());
        var gpt4o = all.Models.Single(m => m.Model == "gpt-4o-2024-05-13");
        var dalle = all.Models.Single(m => m.Model == "dall-e-3");

        // The reference: gemini-1.5-pro 0.875 coins per input token up to 128K, 1.75 above; Google's group multiplier is 1.05.
        Assert.Equal(("1.05", "0.91875", "1.8375", 128_000L), (gemini.Multiplier, gemini.CoinsPerToken.Input, gemini.TierCoinsPerToken.Input, gemini.TierAbovePromptTokens));
        // gpt-4o at $5/$15 per 1M = 1.25/3.75 coins per token, x 1.1 for OpenAI; uncached-only kinds fall back to the input price.
        Assert.Equal(("1.375", "4.125", "1.375"), (gpt4o.CoinsPerToken.Input, gpt4o.CoinsPerToken.Output, gpt4o.CoinsPerToken.CachedInput));
        Assert.Equal(("11000", null), (dalle.CoinsPerCall, dalle.CoinsPerToken));
        Assert.Equal((480, 0, 9, true), (all.OffPeak.UtcOffsetMinutes, all.OffPeak.StartHour, all.OffPeak.EndHour, all.OffPeak.Weekends));
        Assert.True(all.Models.Count > 40);
    }

    [Fact]
    public async Task UpdateCatalog_PublishesANewVersionThatPricesAtOnce_AndKeepsTheOldOne()
    {
        var update = new UpdateCatalogRequest
        {
            UpsertModelsJson = { """{"model": "house-model", "group": "house", "currency": "coins", "perMillionTokens": {"input": 2000000, "output": 4000000}}""" },
            GroupMultipliers = { ["house"] = "1.5", ["deepseek"] = "1.2" },
            ChangedBy = "ops@example.com",
            Reason = "launch the house model",
        };

        var updated = await _pricing.CallAsync<UpdateCatalogRequest, CatalogReply>("UpdateCatalog", update);
        var quote = await _ledger.CallAsync<QuoteRequest, QuoteReply>("Quote", new QuoteRequest { Usage = new Contracts.Ledger.V1.Usage { Model = "house-model", PromptTokens = 10, CompletionTokens = 1 } });
        var first = await _pricing.CallAsync<GetCatalogRequest, CatalogReply>("GetCatalog", new GetCatalogRequest { Version = 1 });
        var history = await _pricing.CallAsync<ListCatalogVersionsRequest, ListCatalogVersionsReply>("ListCatalogVersions", new ListCatalogVersionsRequest());

        Assert.Equal((2, "ops@example.com"), (updated.Version, updated.ChangedBy));
        Assert.Contains("\"house-model\"", updated.CatalogJson);
        Assert.Equal((2, 36_000_000L), (quote.PriceVersion, quote.CostMicroCoins)); // (10 x 2 + 1 x 4) coins x 1.5
        Assert.DoesNotContain("house-model", first.CatalogJson);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Version));
        Assert.Equal("launch the house model", history.Versions[0].Reason);
    }

    [Fact]
    public async Task CatalogChanges_RefuseStaleVersionsAndBadInput_WithMessagesThatSayWhatToFix()
    {
        var current = await _pricing.CallAsync<GetCatalogRequest, CatalogReply>("GetCatalog", new GetCatalogRequest());
        await _pricing.CallAsync<PublishCatalogRequest, CatalogReply>("PublishCatalog", new PublishCatalogRequest
        {
            CatalogJson = current.CatalogJson, ExpectedVersion = current.Version, ChangedBy = "ops", Reason = "first edit",
        });

        var stale = await Refused(new PublishCatalogRequest { CatalogJson = current.CatalogJson, ExpectedVersion = current.Version, ChangedBy = "ops" });
        var notJson = await Refused(new PublishCatalogRequest { CatalogJson = "{\"models\": [", ChangedBy = "ops" });
        var noAuthor = await Refused(new PublishCatalogRequest { CatalogJson = current.CatalogJson });
        var noGroup = await Refused(new UpdateCatalogRequest { UpsertModelsJson = { """{"model": "x", "group": "nowhere", "currency": "usd", "perCall": 1}""" }, ChangedBy = "ops" });
        var unknownRemoval = await Refused(new UpdateCatalogRequest { RemoveModels = { "no-such-model" }, ChangedBy = "ops" });
        var badMultiplier = await Refused(new UpdateCatalogRequest { GroupMultipliers = { ["openai"] = "-1" }, ChangedBy = "ops" });
        var nothing = await Refused(new UpdateCatalogRequest { ChangedBy = "ops" });

        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Contains("read the current version", stale.Detail);
        Assert.All([notJson, noAuthor, noGroup, unknownRemoval, badMultiplier, nothing], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Contains("catalog.json for the format", notJson.Detail);
        Assert.Contains("changed_by", noAuthor.Detail);
        Assert.Contains("group 'nowhere', which has no multiplier", noGroup.Detail);
        Assert.Contains("'no-such-model': not in the catalog", unknownRemoval.Detail);
        Assert.Contains("positive decimal", badMultiplier.Detail);
        Assert.Contains("changes nothing", nothing.Detail);
        Assert.Equal(current.Version + 1, (await _pricing.CallAsync<GetCatalogRequest, CatalogReply>("GetCatalog", new GetCatalogRequest())).Version);
    }

    private Task<RpcException> Refused(PublishCatalogRequest request) =>
        Assert.ThrowsAsync<RpcException>(() => _pricing.CallAsync<PublishCatalogRequest, CatalogReply>("PublishCatalog", request));

    private Task<RpcException> Refused(UpdateCatalogRequest request) =>
        Assert.ThrowsAsync<RpcException>(() => _pricing.CallAsync<UpdateCatalogRequest, CatalogReply>("UpdateCatalog", request));

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
