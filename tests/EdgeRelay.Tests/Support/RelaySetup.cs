using System.ClientModel;
using System.Net.Http.Json;
using OpenAI;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Tests.Support;

/// <summary>What relay tests need around the stack: simulator channels, a funded key, SDK clients and exact prices.</summary>
public static class RelaySetup
{
    /// <summary>Creates a simulator channel for <paramref name="models"/> through the operator API and returns its id.</summary>
    public static async Task<string> SimChannelAsync(this EdgeStack edge, string[] models, int priority = 0, int weight = 1, bool noNativeStreaming = false,
        string? baseUrl = null, string? key = null)
    {
        using var client = edge.Operator();
        var response = await client.PostAsJsonAsync("/admin/v1/channels", new Dictionary<string, object?>
        {
            ["name"] = $"sim-{Guid.NewGuid():N}",
            ["kind"] = "sim",
            ["base_url"] = baseUrl ?? edge.SimAddress.AbsoluteUri,
            ["keys"] = new[] { key ?? EdgeStack.SimOpenAiKey },
            ["models"] = models,
            ["priority"] = priority,
            ["weight"] = weight,
            ["no_native_streaming"] = noNativeStreaming,
        }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"creating the channel failed: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A new user with <paramref name="coins"/> coins and a key; its user id and secret.</summary>
    public static async Task<(string UserId, string Key)> FundedKeyAsync(this EdgeStack edge, long coins)
    {
        var user = await edge.NewUserAsync(coins);
        var key = await edge.NewKeyAsync(user.User.UserId);
        return (user.User.UserId, key.Secret);
    }

    /// <summary>The official OpenAI SDK pointed at the edge.</summary>
    public static OpenAIClient OpenAi(this EdgeStack edge, string key) =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(edge.EdgeAddress, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(30) });

    /// <summary>The ledger's price for a usage, in micro-coins: what the balance must have moved by.</summary>
    public static async Task<long> PriceAsync(this EdgeStack edge, string model, long promptTokens, long completionTokens, long cachedTokens = 0) =>
        (await edge.Ledger.UnaryAsync<QuoteRequest, QuoteReply>("Quote", new QuoteRequest
        {
            Usage = new Usage { Model = model, PromptTokens = promptTokens, CompletionTokens = completionTokens, CachedTokens = cachedTokens },
        })).CostMicroCoins;

    /// <summary>Waits until the settle of the last call shows in the balance (settling finishes after the response).</summary>
    public static async Task<long> SettledBalanceAsync(this EdgeStack edge, string userId, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        long balance;
        while ((balance = await edge.BalanceMicroCoinsAsync(userId)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return balance;
    }

    /// <summary>Waits until the balance moved away from <paramref name="before"/> (a settle happened) and returns it.</summary>
    public static async Task<long> BalanceAfterChargeAsync(this EdgeStack edge, string userId, long before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        long balance;
        while ((balance = await edge.BalanceMicroCoinsAsync(userId)) == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return balance;
    }
}
