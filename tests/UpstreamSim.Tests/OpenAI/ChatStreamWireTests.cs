using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

/// <summary>The chunk order on the wire, which SDKs smooth over.</summary>
public sealed class ChatStreamWireTests(Simulator sim)
{
    [Fact]
    public async Task Stream_RoleFirst_ContentDeltas_Finish_UsageWithEmptyChoices_ThenDone()
    {
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", SimRequests.Chat("hi", stream: true), "tokens=4"),
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = await SseReader.ReadAllAsync(response);

        Assert.Equal(8, events.Count);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events[..^1].Select(e => e.Json).ToList();
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(chunk => chunk.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        for (var i = 1; i <= 4; i++)
        {
            Assert.NotEmpty(chunks[i].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!);
        }
        Assert.Equal("stop", chunks[5].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[6].GetProperty("choices").GetArrayLength());
        Assert.Equal(4, chunks[6].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task StreamWithoutIncludeUsage_HasNoUsageChunk()
    {
        var body = SimRequests.Chat("hi", stream: true);
        body.Remove("stream_options");
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/chat/completions", body, "tokens=3"),
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        var events = await SseReader.ReadAllAsync(response);

        Assert.Equal(6, events.Count);
        Assert.All(events[..^1], e => Assert.Equal(1, e.Json.GetProperty("choices").GetArrayLength()));
    }
}
