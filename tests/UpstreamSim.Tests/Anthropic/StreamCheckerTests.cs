using Platform.UpstreamSim.Tests.Support;

namespace Platform.UpstreamSim.Tests.Anthropic;

/// <summary>The checker must reject what the documentation forbids, or the stream tests prove nothing.</summary>
public sealed class StreamCheckerTests
{
    private static SseEvent E(string type, string body = "") => new(type, $$"""{"type":"{{type}}"{{body}}}""");

    private static readonly SseEvent Start = E("message_start",
        ""","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"stop_reason":null,"usage":{"input_tokens":3,"output_tokens":1}}""");
    private static readonly SseEvent BlockStart = E("content_block_start", ""","index":0,"content_block":{"type":"text","text":""}""");
    private static readonly SseEvent TextDelta = E("content_block_delta", ""","index":0,"delta":{"type":"text_delta","text":"Hi"}""");
    private static readonly SseEvent BlockStop = E("content_block_stop", ""","index":0""");
    private static readonly SseEvent Delta = E("message_delta", ""","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":1}""");
    private static readonly SseEvent Stop = E("message_stop");

    [Fact]
    public void AcceptsTheDocumentedSequence()
    {
        var stream = AnthropicStreamChecker.Check([Start, BlockStart, E("ping"), TextDelta, BlockStop, Delta, Stop]);

        Assert.Equal("Hi", stream.Blocks[0].Content.ToString());
    }

    public static TheoryData<SseEvent[]> Broken => new()
    {
        new[] { BlockStart, TextDelta, BlockStop, Delta, Stop },
        new[] { Start, TextDelta, BlockStop, Delta, Stop },
        new[] { Start, BlockStart, TextDelta, Delta, Stop },
        new[] { Start, BlockStart, TextDelta, BlockStop, Stop },
        new[] { Start, BlockStart, TextDelta, BlockStop, Delta },
        new[] { Start, BlockStart, TextDelta, BlockStop, Delta, Stop, E("ping") },
        new[] { Start, BlockStart, E("content_block_delta", ""","index":0,"delta":{"type":"input_json_delta","partial_json":"{"}"""), BlockStop, Delta, Stop },
        new[] { Start, E("content_block_start", ""","index":1,"content_block":{"type":"text","text":""}"""), Delta, Stop },
        new[] { Start, new SseEvent("ping", Stop.Data), Delta, Stop },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void RejectsBrokenSequences(SseEvent[] events) =>
        Assert.Throws<InvalidDataException>(() => AnthropicStreamChecker.Check(events));
}
