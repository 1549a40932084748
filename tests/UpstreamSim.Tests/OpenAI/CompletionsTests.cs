using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using global::OpenAI;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.OpenAI;

/// <summary>
/// OpenAI 2.15 keeps its legacy completions client internal, so these requests go through the SDK's public pipeline
/// (its key policy and transport) and the body is read as JSON.
/// </summary>
public sealed class CompletionsTests(Simulator sim)
{
    [Fact]
    public async Task FillInTheMiddle_ReturnsTheMiddleWithSuffixCountedInThePrompt()
    {
        var client = sim.OpenAI("tokens=8");
        var withSuffix = await CompleteAsync(client, new JsonObject
        {
            ["model"] = "gpt-3.5-turbo-instruct", ["prompt"] = "def add(a, b):\n", ["suffix"] = "    return result\n", ["max_tokens"] = 64,
        });
        var withoutSuffix = await CompleteAsync(client, new JsonObject
        {
            ["model"] = "gpt-3.5-turbo-instruct", ["prompt"] = "def add(a, b):\n", ["max_tokens"] = 64,
        });

        var choice = withSuffix.GetProperty("choices")[0];
        Assert.Equal("text_completion", withSuffix.GetProperty("object").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(8, choice.GetProperty("text").GetString()!.Split(' ').Length);
        Assert.DoesNotContain("return result", choice.GetProperty("text").GetString());
        var usage = withSuffix.GetProperty("usage");
        Assert.Equal(8, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 8, usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > withoutSuffix.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task DefaultMaxTokensIs16_AsInTheRealApi()
    {
        var completion = await CompleteAsync(sim.OpenAI("tokens=40"),
            new JsonObject { ["model"] = "gpt-3.5-turbo-instruct", ["prompt"] = "Once upon a time" });

        Assert.Equal("length", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(16, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_ChunksPerToken_ThenUsage_ThenDone()
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-3.5-turbo-instruct", ["prompt"] = "x", ["max_tokens"] = 100, ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        using var response = await sim.Http.SendAsync(SimRequests.OpenAI("/v1/completions", body, "tokens=5"),
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        var events = await SseReader.ReadAllAsync(response);

        Assert.Equal("[DONE]", events[^1].Data);
        var text = events.Take(5).Select(e => e.Json.GetProperty("choices")[0].GetProperty("text").GetString()).ToList();
        Assert.All(text, piece => Assert.False(string.IsNullOrEmpty(piece)));
        Assert.Equal("stop", events[5].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(5, events[6].Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(8, events.Count);
    }

    private async Task<JsonElement> CompleteAsync(OpenAIClient client, JsonObject body)
    {
        using var message = client.Pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(sim.Address, "v1/completions");
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
        await client.Pipeline.SendAsync(message);
        Assert.Equal(200, message.Response!.Status);
        return JsonDocument.Parse(message.Response.Content).RootElement.Clone();
    }
}
