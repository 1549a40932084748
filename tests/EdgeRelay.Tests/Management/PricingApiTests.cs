using System.Net;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Management;

[Collection(EdgeCollection.Name)]
public sealed class PricingApiTests(EdgeStack edge)
{
    [Fact]
    public async Task Pricing_ListsModelsInCoinsPerToken()
    {
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);

        var prices = await (await client.GetPathAsync("/api/v1/pricing?model_prefix=gpt-4o")).JsonAsync(HttpStatusCode.OK);

        var gpt4o = prices.GetProperty("models").EnumerateArray().Single(m => m.Text("model") == "gpt-4o");
        Assert.Equal("openai", gpt4o.Text("group"));
        Assert.NotEmpty(gpt4o.GetProperty("coins_per_token").Text("input"));
        Assert.True(prices.GetProperty("version").GetInt32() > 0);
        Assert.All(prices.GetProperty("models").EnumerateArray(), m => Assert.StartsWith("gpt-4o", m.Text("model")));
    }

    [Fact]
    public async Task OperatorPatch_ChangesAMultiplierUsersSee_AndAStaleVersionIsAConflict()
    {
        // A model and group of this test's own, so that other tests' prices stay as they are.
        var model = $"mgmt-test-{Guid.NewGuid():N}";
        using var admin = edge.Operator();
        var user = await edge.NewUserAsync();
        using var client = edge.Client(user.ManagementToken);
        var added = await (await admin.SendJsonAsync(HttpMethod.Patch, "/admin/v1/pricing", $$$"""
            {"upsert_models": [{"model": "{{{model}}}", "group": "{{{model}}}", "currency": "usd", "perMillionTokens": {"input": 1, "output": 2}}],
             "group_multipliers": {"{{{model}}}": "1"}, "reason": "test model"}
            """)).JsonAsync(HttpStatusCode.OK);
        var version = added.GetProperty("version").GetInt32();

        var raised = await (await admin.SendJsonAsync(HttpMethod.Patch, "/admin/v1/pricing",
            $$"""{"group_multipliers": {"{{model}}": 1.5}, "expected_version": {{version}}, "reason": "raise"}""")).JsonAsync(HttpStatusCode.OK);
        var stale = await (await admin.SendJsonAsync(HttpMethod.Patch, "/admin/v1/pricing",
            $$"""{"group_multipliers": {"{{model}}": 2}, "expected_version": {{version}}}""")).ErrorAsync(HttpStatusCode.Conflict);
        var prices = await (await client.GetPathAsync($"/api/v1/pricing?model_prefix={model}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("operator", raised.Text("changed_by"));
        Assert.Equal(1.5m, raised.GetProperty("catalog").GetProperty("groupMultipliers").GetProperty(model).GetDecimal());
        Assert.Contains("version", stale);
        var entry = Assert.Single(prices.GetProperty("models").EnumerateArray());
        Assert.Equal("1.5", entry.Text("multiplier"));
        Assert.Equal("0.375", entry.GetProperty("coins_per_token").Text("input")); // 1 USD per 1M tokens = 0.25 coins per token, x 1.5

        await (await admin.SendJsonAsync(HttpMethod.Patch, "/admin/v1/pricing", $$"""{"remove_models": ["{{model}}"], "reason": "cleanup"}"""))
            .JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OperatorPricing_ShowsTheCatalogAndItsHistory()
    {
        using var admin = edge.Operator();

        var current = await (await admin.GetPathAsync("/admin/v1/pricing")).JsonAsync(HttpStatusCode.OK);
        var versions = await (await admin.GetPathAsync("/admin/v1/pricing/versions?limit=5")).JsonAsync(HttpStatusCode.OK);

        Assert.True(current.GetProperty("catalog").GetProperty("models").GetArrayLength() > 0);
        Assert.Equal(current.GetProperty("version").GetInt32(), versions.GetProperty("data")[0].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task OperatorPut_RepublishesTheCatalogOnlyFromTheCurrentVersion()
    {
        using var admin = edge.Operator();
        var current = await (await admin.GetPathAsync("/admin/v1/pricing")).JsonAsync(HttpStatusCode.OK);
        var body = $$"""{"catalog": {{current.GetProperty("catalog").GetRawText()}}, "expected_version": {{current.GetProperty("version").GetInt32()}}, "reason": "republish"}""";

        var published = await (await admin.SendJsonAsync(HttpMethod.Put, "/admin/v1/pricing", body)).JsonAsync(HttpStatusCode.OK);
        await (await admin.SendJsonAsync(HttpMethod.Put, "/admin/v1/pricing", body)).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Equal(current.GetProperty("version").GetInt32() + 1, published.GetProperty("version").GetInt32());
        Assert.Equal("republish", published.Text("reason"));
    }

    [Theory]
    [InlineData("""{"catalog": {"models": []}}""", "expected_version is required")]
    [InlineData("""{"expected_version": 1}""", "catalog is required")]
    [InlineData("""{"catalog": "x", "expected_version": 1}""", "catalog must be a JSON object")]
    public async Task OperatorPut_RefusesIncompleteBodies(string body, string expected)
    {
        using var admin = edge.Operator();

        var message = await (await admin.SendJsonAsync(HttpMethod.Put, "/admin/v1/pricing", body)).ErrorAsync(HttpStatusCode.BadRequest);

        Assert.Contains(expected, message);
    }
}
