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
}
