using System.Text.Json;

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>
/// A strict reading of Anthropic's streaming documentation ("Streaming Messages", event flow): one
/// <c>message_start</c>; then content blocks in index order 0, 1, 2…, each a <c>content_block_start</c>, deltas of its
/// own kind (<c>text_delta</c> for text, <c>thinking_delta</c> then one <c>signature_delta</c> for thinking,
/// <c>input_json_delta</c> for tool_use) and a <c>content_block_stop</c>, never interleaved; then one
/// <c>message_delta</c> with a stop reason and usage; then <c>message_stop</c> last. <c>ping</c> may come anywhere
/// after <c>message_start</c>; an <c>error</c> event ends the stream. Every event's name equals its data's type.
/// </summary>
public static class AnthropicStreamChecker
{
    private static readonly HashSet<string> StopReasons = ["end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal"];

    public static AnthropicStream Check(IReadOnlyList<SseEvent> events, bool allowError = false)
    {
        var stream = new AnthropicStream();
        var state = "start";
        AnthropicBlock? open = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var data = e.Json;
            var type = data.GetProperty("type").GetString();
            Require(e.Name == type, i, $"event name '{e.Name}' differs from data type '{type}'");
            Require(state != "stopped", i, $"'{type}' after message_stop");
            switch (type)
            {
                case "message_start":
                    Require(state == "start", i, "message_start must come first and once");
                    var message = data.GetProperty("message");
                    Require(message.GetProperty("type").GetString() == "message", i, "message.type must be 'message'");
                    Require(message.GetProperty("role").GetString() == "assistant", i, "message.role must be 'assistant'");
                    Require(message.GetProperty("content").GetArrayLength() == 0, i, "message_start content must be empty");
                    Require(message.GetProperty("stop_reason").ValueKind == JsonValueKind.Null, i, "message_start stop_reason must be null");
                    stream.Id = message.GetProperty("id").GetString()!;
                    stream.InputTokens = message.GetProperty("usage").GetProperty("input_tokens").GetInt32();
                    state = "blocks";
                    break;
                case "ping":
                    Require(state != "start", i, "ping before message_start");
                    break;
                case "content_block_start":
                    Require(state == "blocks" && open is null, i, "content_block_start while a block is open or after message_delta");
                    Require(data.GetProperty("index").GetInt32() == stream.Blocks.Count, i, "block indexes must run 0, 1, 2…");
                    var block = data.GetProperty("content_block");
                    open = new AnthropicBlock(block.GetProperty("type").GetString()!);
                    Require(open.Type is "text" or "thinking" or "tool_use", i, $"unknown block type '{open.Type}'");
                    if (open.Type == "tool_use")
                    {
                        open.ToolName = block.GetProperty("name").GetString();
                        Require(block.GetProperty("id").GetString()!.StartsWith("toolu_", StringComparison.Ordinal), i, "tool_use id must start with toolu_");
                        Require(block.GetProperty("input").ValueKind == JsonValueKind.Object, i, "tool_use input must start as an object");
                    }
                    stream.Blocks.Add(open);
                    break;
                case "content_block_delta":
                    Require(open is not null && data.GetProperty("index").GetInt32() == stream.Blocks.Count - 1, i, "delta outside its open block");
                    var delta = data.GetProperty("delta");
                    var kind = delta.GetProperty("type").GetString();
                    Require(open!.Signature is null, i, "no delta may follow signature_delta");
                    switch (open.Type, kind)
                    {
                        case ("text", "text_delta"):
                            open.Content.Append(delta.GetProperty("text").GetString());
                            break;
                        case ("thinking", "thinking_delta"):
                            open.Content.Append(delta.GetProperty("thinking").GetString());
                            break;
                        case ("thinking", "signature_delta"):
                            open.Signature = delta.GetProperty("signature").GetString();
                            break;
                        case ("tool_use", "input_json_delta"):
                            open.Content.Append(delta.GetProperty("partial_json").GetString());
                            break;
                        default:
                            throw Violation(i, $"delta '{kind}' in a {open.Type} block");
                    }
                    if (kind != "signature_delta")
                    {
                        open.Deltas++;
                    }
                    break;
                case "content_block_stop":
                    Require(open is not null && data.GetProperty("index").GetInt32() == stream.Blocks.Count - 1, i, "stop of a block that is not open");
                    Require(open!.Type != "thinking" || open.Signature is not null, i, "a thinking block must end with signature_delta");
                    if (open.Type == "tool_use")
                    {
                        JsonDocument.Parse(open.Content.Length == 0 ? "{}" : open.Content.ToString());
                    }
                    open = null;
                    break;
                case "message_delta":
                    Require(state == "blocks" && open is null, i, "message_delta while a block is open or twice");
                    var reason = data.GetProperty("delta").GetProperty("stop_reason").GetString()!;
                    Require(StopReasons.Contains(reason), i, $"unknown stop_reason '{reason}'");
                    stream.StopReason = reason;
                    stream.OutputTokens = data.GetProperty("usage").GetProperty("output_tokens").GetInt32();
                    state = "delta";
                    break;
                case "message_stop":
                    Require(state == "delta", i, "message_stop before message_delta");
                    state = "stopped";
                    break;
                case "error":
                    Require(allowError, i, "unexpected error event");
                    var error = data.GetProperty("error");
                    stream.ErrorType = error.GetProperty("type").GetString();
                    Require(error.GetProperty("message").GetString() is { Length: > 0 }, i, "error without message");
                    Require(i == events.Count - 1, i, "events after an error");
                    return stream;
                default:
                    throw Violation(i, $"unknown event '{type}'");
            }
        }
        Require(state == "stopped", events.Count, "stream ended without message_stop");
        return stream;
    }

    private static void Require(bool condition, int index, string message)
    {
        if (!condition)
        {
            throw Violation(index, message);
        }
    }

    private static InvalidDataException Violation(int index, string message) => new($"event {index}: {message}");
}
