using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Embeddings;
using OpenAI.Models;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Relay;

/// <summary>Legacy completions, embeddings and the model list, each billed at the catalog price of the reported usage.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EndpointsTests(EdgeStack edge) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await edge.SimChannelAsync(["gpt-4.1-mini", "text-embedding-3-small"], priority: 10);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Completions_WithSuffix_AnswerAndChargeExactly()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        using var client = edge.Client(key);

        using var response = await client.PostAsJsonAsync("/v1/completions", new { model = "gpt-4.1-mini", prompt = "def add(a, b):", suffix = "return c", max_tokens = 20 }, Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.True(response.IsSuccessStatusCode, body.RootElement.ToString());
        Assert.Equal("text_completion", body.RootElement.GetProperty("object").GetString());
        var usage = body.RootElement.GetProperty("usage");
        var price = await edge.PriceAsync("gpt-4.1-mini", usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(before - price, await edge.SettledBalanceAsync(user, before - price));
    }

    [Fact]
    public async Task Embeddings_ThroughTheSdk_ReturnVectorsAndChargeThePromptTokens()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);

        OpenAIEmbedding embedding = await edge.OpenAi(key).GetEmbeddingClient("text-embedding-3-small").GenerateEmbeddingAsync("relay me", cancellationToken: Ct);

        Assert.Equal(1536, embedding.ToFloats().Length);
        Assert.True(await edge.BalanceAfterChargeAsync(user, before) < before);
    }

    [Fact]
    public async Task Models_ListOnlyWhatTheKeyMayUse_WithTheCatalogsOwner()
    {
        var user = await edge.NewUserAsync();
        var restricted = await edge.NewKeyAsync(user.User.UserId, request =>
        {
            request.CheckModels = true;
            request.AllowedModels.Add("text-embedding-*");
        });
        var open = await edge.NewKeyAsync(user.User.UserId);

        OpenAIModelCollection all = await edge.OpenAi(open.Secret).GetOpenAIModelClient().GetModelsAsync(Ct);
        OpenAIModelCollection some = await edge.OpenAi(restricted.Secret).GetOpenAIModelClient().GetModelsAsync(Ct);
        OpenAIModel one = await edge.OpenAi(open.Secret).GetOpenAIModelClient().GetModelAsync("gpt-4.1-mini", Ct);
        using var client = edge.Client(restricted.Secret);
        var hidden = await client.GetAsync("/v1/models/gpt-4.1-mini", Ct);

        Assert.Contains(all, m => m.Id == "gpt-4.1-mini");
        Assert.Contains(some, m => m.Id == "text-embedding-3-small");
        Assert.DoesNotContain(some, m => m.Id == "gpt-4.1-mini");
        Assert.Equal("openai", one.OwnedBy);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
