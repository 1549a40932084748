using System.Net;
using System.Net.Http.Json;
using OpenAI.Chat;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Relay;

/// <summary>Channels that fail before the first byte: the next channel serves and the call is charged once; none left, nothing charged.</summary>
[Collection(EdgeCollection.Name)]
public sealed class FailoverTests(EdgeStack edge) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await edge.SimChannelAsync(["gpt-4.1-nano"], priority: 20, baseUrl: edge.BrokenSimAddress.AbsoluteUri);
        await edge.SimChannelAsync(["gpt-4.1-nano"], priority: 10);
        await edge.SimChannelAsync(["o3-mini"], priority: 10, baseUrl: edge.BrokenSimAddress.AbsoluteUri);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task FirstChannel500_SecondChannelServes_AndTheCallIsChargedOnce()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000_000);
        var before = await edge.BalanceMicroCoinsAsync(user);

        ChatCompletion completion = await edge.OpenAi(key).GetChatClient("gpt-4.1-nano").CompleteChatAsync([new UserChatMessage("hello")], cancellationToken: Ct);

        var price = await edge.PriceAsync("gpt-4.1-nano", completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);
        Assert.Equal(before - price, await edge.SettledBalanceAsync(user, before - price));
    }

    [Fact]
    public async Task EveryChannelFailing_IsA502WithNothingCharged()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        using var client = edge.Client(key);

        var response = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "o3-mini", messages = new[] { new { role = "user", content = "hi" } } }, Ct);

        Assert.True(response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"got {(int)response.StatusCode}");
        Assert.Contains("nothing was charged", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await edge.BalanceMicroCoinsAsync(user));
    }
}
