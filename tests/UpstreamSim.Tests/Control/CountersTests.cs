using System.Text.Json.Nodes;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.Control;

public sealed class CountersTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counters_CountEveryCallPerTagEndpointAndModel()
    {
        var tag = $"counters-{Guid.NewGuid():N}";
        var model = $"counted-{Guid.NewGuid():N}";
        var body = SimRequests.Chat("hi");
        body["model"] = model;
        for (var i = 0; i < 3; i++)
        {
            using var ok = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", body.DeepClone(), $"tag={tag}"), Token);
            Assert.True(ok.IsSuccessStatusCode);
        }
        using var failed = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", SimRequests.Message("hi"), $"tag={tag}; fail=500"), Token);

        var counters = JsonNode.Parse(await sim.Http.GetStringAsync("/sim/counters", Token))!;

        Assert.Equal(4, counters["tags"]![tag]!.GetValue<long>());
        Assert.Equal(3, counters["models"]![model]!.GetValue<long>());
        Assert.True(counters["endpoints"]!["openai.chat.completions"]!.GetValue<long>() >= 3);
        Assert.True(counters["faults"]!.GetValue<long>() >= 1);
        Assert.True(counters["total"]!.GetValue<long>() >= 4);
    }

    [Fact]
    public async Task Counters_RecordWhenATaggedCallsClientWentAway_AndNotForCallsThatFinished()
    {
        var tag = $"aborted-{Guid.NewGuid():N}";
        var body = SimRequests.Chat("hi");
        body["stream"] = true;
        using (var finished = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", body.DeepClone(), $"tag={tag}"), Token))
        {
            await finished.Content.ReadAsStringAsync(Token);
        }
        using (var cut = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", body.DeepClone(), $"tag={tag}; hang-after=2-chunks"),
            HttpCompletionOption.ResponseHeadersRead, Token))
        {
            await using var stream = await cut.Content.ReadAsStreamAsync(Token);
            await stream.ReadAtLeastAsync(new byte[64], 1, throwOnEndOfStream: true, Token);
        }
        var left = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        JsonNode counters;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        do
        {
            await Task.Delay(20, Token);
            counters = JsonNode.Parse(await sim.Http.GetStringAsync("/sim/counters", Token))!;
        }
        while (counters["aborted"]![tag] is null && DateTime.UtcNow < deadline);

        Assert.Equal(1, counters["aborted"]![tag]!.GetValue<long>());
        Assert.InRange(counters["aborted_at_unix_ms"]![tag]!.GetValue<long>(), left - 1_000, left + 5_000);
    }
}
