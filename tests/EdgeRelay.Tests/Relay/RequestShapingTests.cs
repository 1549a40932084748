using System.Text.Json.Nodes;
using Platform.EdgeRelay.Relay.Requests;

namespace Platform.EdgeRelay.Tests.Relay;

public sealed class RequestShapingTests
{
    [Theory]
    [InlineData("gpt-3.5-turbo-0301", "gpt-3.5-turbo")]
    [InlineData("gpt-3.5-turbo-16k-0613", "gpt-3.5-turbo")]
    [InlineData("gpt-4-0314", "gpt-4")]
    [InlineData("gpt-4-32k-0613", "gpt-4")]
    [InlineData("gpt-4-vision-preview", "gpt-4o")]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    public void RetiredModels_AreRewrittenToTheirSuccessors(string requested, string sent) =>
        Assert.Equal(sent, RequestShaping.RewriteRetired(requested));

    [Fact]
    public void OSeries_MovesMaxTokensToMaxCompletionTokens_KeepingUnknownFields()
    {
        var body = JsonNode.Parse("""{"model":"o1-mini","max_tokens":100,"messages":[],"some_future_field":{"x":1}}""")!.AsObject();

        RequestShaping.Apply(body, "o1-mini", stream: false);

        Assert.Equal("""{"model":"o1-mini","messages":[],"some_future_field":{"x":1},"max_completion_tokens":100}""", body.ToJsonString());
    }

    [Fact]
    public void DeepSeekReasoner_LosesTheSamplingParameters_AndStreamsAlwaysAskForUsage()
    {
        var body = JsonNode.Parse("""{"model":"deepseek-reasoner","temperature":0.2,"top_p":0.9,"presence_penalty":1,"frequency_penalty":1,"stream":true,"stream_options":{"include_usage":false}}""")!.AsObject();

        RequestShaping.Apply(body, "deepseek-reasoner", stream: true);

        Assert.Equal("""{"model":"deepseek-reasoner","stream":true,"stream_options":{"include_usage":true}}""", body.ToJsonString());
    }

    [Fact]
    public void ChatModels_KeepMaxTokens()
    {
        var body = JsonNode.Parse("""{"model":"gpt-4o","max_tokens":5}""")!.AsObject();

        RequestShaping.Apply(body, "gpt-4o", stream: false);

        Assert.Equal("""{"model":"gpt-4o","max_tokens":5}""", body.ToJsonString());
    }
}
