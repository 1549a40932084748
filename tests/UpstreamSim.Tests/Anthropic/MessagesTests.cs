using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.Anthropic;

public sealed class MessagesTests(Simulator sim)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly JsonArray Tools = new(new JsonObject
    {
        ["name"] = "lookup_order",
        ["description"] = "Find an order",
        ["input_schema"] = JsonNode.Parse("""{"type":"object","properties":{"order_id":{"type":"string"},"include_items":{"type":"boolean"}},"required":["order_id"]}"""),
    });

    [Fact]
    public async Task TextStream_FollowsTheDocumentedSequence_AndUsageAddsUp()
    {
        var stream = await StreamAsync(SimRequests.Message("Hello, Claude", stream: true), "tokens=9");

        var block = Assert.Single(stream.Blocks);
        Assert.Equal("text", block.Type);
        Assert.Equal(9, block.Deltas);
        Assert.Equal(9, stream.OutputTokens);
        Assert.Equal("end_turn", stream.StopReason);
        Assert.Equal(await CountTokensAsync(SimRequests.Message("Hello, Claude")), stream.InputTokens);

        var whole = await MessageAsync(SimRequests.Message("Hello, Claude"), "tokens=9");
        Assert.Equal(block.Content.ToString(), whole["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(9, whole["usage"]!["output_tokens"]!.GetValue<int>());
        Assert.Equal(stream.InputTokens, whole["usage"]!["input_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ToolUseStream_HasTextThenToolUseWithValidInputJson()
    {
        var body = SimRequests.Message("Please look up order 42 with lookup_order", stream: true);
        body["tools"] = Tools.DeepClone();

        var stream = await StreamAsync(body);

        Assert.Equal(["text", "tool_use"], stream.Blocks.Select(b => b.Type));
        var tool = stream.Blocks[1];
        Assert.Equal("lookup_order", tool.ToolName);
        var input = JsonDocument.Parse(tool.Content.ToString()).RootElement;
        Assert.Equal(JsonValueKind.String, input.GetProperty("order_id").ValueKind);
        Assert.Equal("tool_use", stream.StopReason);
        Assert.Equal(stream.Blocks.Sum(b => b.Deltas), stream.OutputTokens);
    }

    [Fact]
    public async Task Thinking_WhenRequested_ComesFirstWithSignature()
    {
        var body = SimRequests.Message("Think about it", stream: true, maxTokens: 4000);
        body["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 2048 };

        var stream = await StreamAsync(body, "tokens=5");

        Assert.Equal(["thinking", "text"], stream.Blocks.Select(b => b.Type));
        Assert.False(string.IsNullOrEmpty(stream.Blocks[0].Signature));
        Assert.Equal(stream.Blocks[0].Deltas + 5, stream.OutputTokens);

        body["stream"] = false;
        var whole = await MessageAsync(body, "tokens=5");
        Assert.Equal("thinking", whole["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(stream.Blocks[0].Content.ToString(), whole["content"]![0]!["thinking"]!.GetValue<string>());
    }

    [Fact]
    public async Task NonStreaming_ToolUse_AndMaxTokensStop()
    {
        var body = SimRequests.Message("use the tool");
        body["tools"] = Tools.DeepClone();
        var withTool = await MessageAsync(body);
        var cut = await MessageAsync(SimRequests.Message("talk", maxTokens: 3), "tokens=20");

        Assert.Equal("tool_use", withTool["stop_reason"]!.GetValue<string>());
        Assert.Equal("tool_use", withTool["content"]!.AsArray()[^1]!["type"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Object, JsonSerializer.SerializeToElement(withTool["content"]!.AsArray()[^1]!["input"]).ValueKind);
        Assert.Equal("max_tokens", cut["stop_reason"]!.GetValue<string>());
        Assert.Equal(3, cut["usage"]!["output_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, "2023-06-01", 401, "authentication_error")]
    [InlineData("sk-ant-wrong", "2023-06-01", 401, "authentication_error")]
    [InlineData(Simulator.AnthropicKey, null, 400, "invalid_request_error")]
    public async Task Headers_AreRequiredAsByTheRealApi(string? key, string? version, int status, string type)
    {
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", SimRequests.Message("hi"), key: key, version: version), Token);

        Assert.Equal(status, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", body["type"]!.GetValue<string>());
        Assert.Equal(type, body["error"]!["type"]!.GetValue<string>());
        Assert.NotEmpty(body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingMaxTokens_Is400()
    {
        var body = SimRequests.Message("hi");
        body.Remove("max_tokens");
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", body), Token);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("max_tokens", await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<AnthropicStream> StreamAsync(JsonObject body, string? directives = null)
    {
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", body, directives), HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal(200, (int)response.StatusCode);
        return AnthropicStreamChecker.Check(await SseReader.ReadAllAsync(response));
    }

    private async Task<JsonNode> MessageAsync(JsonObject body, string? directives = null)
    {
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages", body, directives), Token);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
    }

    private async Task<int> CountTokensAsync(JsonObject body)
    {
        body.Remove("max_tokens");
        body.Remove("stream");
        using var response = await sim.Http.SendAsync(SimRequests.Anthropic("/v1/messages/count_tokens", body), Token);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["input_tokens"]!.GetValue<int>();
    }
}
