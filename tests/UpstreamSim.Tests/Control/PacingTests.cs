using System.Diagnostics;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.Control;

public sealed class PacingTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ttft_DelaysTheFirstChunk_Tps_PacesTheRest()
    {
        var watch = Stopwatch.StartNew();
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi", stream: true), "ttft=300ms; tps=50; tokens=11"),
            HttpCompletionOption.ResponseHeadersRead, Token);
        TimeSpan? first = null;
        await foreach (var _ in SseReader.ReadAsync(await response.Content.ReadAsStreamAsync(Token)))
        {
            first ??= watch.Elapsed;
        }
        var total = watch.Elapsed;

        Assert.InRange(first!.Value, TimeSpan.FromMilliseconds(290), TimeSpan.FromMilliseconds(1500));
        // 10 tokens after the first at 50/s: 200 ms.
        Assert.InRange(total - first.Value, TimeSpan.FromMilliseconds(190), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task NonStreaming_TakesTtftPlusGenerationTime()
    {
        var watch = Stopwatch.StartNew();
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi"), "ttft=100ms; tps=100; tokens=21"), Token);

        Assert.True(response.IsSuccessStatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task ZeroLatency_IsFast()
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi", stream: true), "ttft=2s; zero-latency"),
                Token);
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"20 zero-latency streams took {watch.Elapsed}");
    }
}
