using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Relay;

/// <summary>What a stream does when the client leaves, and streams from channels that cannot stream.</summary>
[Collection(EdgeCollection.Name)]
public sealed class StreamingTests(EdgeStack edge) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await edge.SimChannelAsync(["gpt-4.1"], priority: 10);
        await edge.SimChannelAsync(["o1"], priority: 10, noNativeStreaming: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ClientLeavingMidStream_CancelsTheUpstreamAtOnce_AndIsChargedNoMoreThanTheHold()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        var tag = $"leave-{Guid.NewGuid():N}";
        // A client that hangs up on dispose, as one that is killed or cancels does (HttpClient would otherwise drain the stream for 2 s).
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = edge.EdgeAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "gpt-4.1", stream = true, max_tokens = 400, messages = new[] { new { role = "user", content = "a long story" } } }),
        };
        request.Headers.Add("x-sim", $"tag={tag}; tokens=400; tps=40");

        long left;
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            await using var stream = await response.Content.ReadAsStreamAsync(Ct);
            var buffer = new byte[4096];
            var read = 0;
            while (read < 600)
            {
                read += await stream.ReadAsync(buffer, Ct);
            }
            left = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }

        var abortedAt = await WaitForAbortAsync(tag);
        var charged = before - await edge.BalanceAfterChargeAsync(user, before);
        var holdLimit = await edge.PriceAsync("gpt-4.1", promptTokens: 1_000, completionTokens: 400);
        Assert.InRange(abortedAt - left, -50, 100);
        Assert.InRange(charged, 1, holdLimit);
    }

    [Fact]
    public async Task NoNativeStreamingChannel_IsCalledWhole_AndItsAnswerArrivesAsChunks()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        var updates = 0;

        await foreach (var update in edge.OpenAi(key).GetChatClient("o1").CompleteChatStreamingAsync([new UserChatMessage("think")], cancellationToken: Ct))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage = update.Usage ?? usage;
        }

        Assert.True(updates >= 3);
        Assert.True(text.Length > 0);
        var price = await edge.PriceAsync("o1", usage!.InputTokenCount, usage.OutputTokenCount);
        Assert.Equal(before - price, await edge.SettledBalanceAsync(user, before - price));
        var counters = JsonNode.Parse(await new HttpClient { BaseAddress = edge.SimAddress }.GetStringAsync("/sim/counters", Ct))!;
        Assert.True(counters["models"]!["o1"]!.GetValue<long>() >= 1);
    }

    private async Task<long> WaitForAbortAsync(string tag)
    {
        using var sim = new HttpClient { BaseAddress = edge.SimAddress };
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var counters = JsonNode.Parse(await sim.GetStringAsync("/sim/counters", Ct))!;
            if (counters["aborted_at_unix_ms"]?[tag] is { } at)
            {
                return at.GetValue<long>();
            }
            await Task.Delay(10, Ct);
        }
        throw new Xunit.Sdk.XunitException("the simulator never saw the relay cancel its call");
    }
}
