using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>
/// The Messages stream in Anthropic's documented order: <c>message_start</c>; per content block a
/// <c>content_block_start</c>, its deltas (<c>thinking_delta</c> then <c>signature_delta</c>, <c>text_delta</c>, or
/// <c>input_json_delta</c>) and <c>content_block_stop</c>, with a <c>ping</c> after the first block starts;
/// <c>message_delta</c> with the stop reason and cumulative usage; <c>message_stop</c>.
/// </summary>
internal sealed class MessageStreamResult(MessagePlan plan, SimDirectives directives) : StreamResult
{
    private int _index;

    protected override async Task WriteAsync(HttpContext context)
    {
        using var sse = SseStream.Start(context, directives, AnthropicError.StreamFailure);
        if (!await sse.NextAsync(carriesToken: false))
        {
            return;
        }
        var json = Event(sse.Begin("message_start"u8), "message_start"u8);
        json.WriteStartObject("message"u8);
        json.WriteString("id"u8, Ids.New("msg_01"));
        json.WriteString("type"u8, "message"u8);
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("model"u8, plan.Model);
        json.WriteStartArray("content"u8);
        json.WriteEndArray();
        json.WriteNull("stop_reason"u8);
        json.WriteNull("stop_sequence"u8);
        AnthropicUsage.Write(json, plan.InputTokens, 1);
        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndAsync();

        if (plan.Thinking is { } thinking
            && !await WriteBlockAsync(sse, "thinking", thinking, "thinking_delta"u8.ToArray(), "thinking"u8.ToArray()))
        {
            return;
        }
        if (plan.Text.Length > 0 && !await WriteBlockAsync(sse, "text", plan.Text, "text_delta"u8.ToArray(), "text"u8.ToArray()))
        {
            return;
        }
        if (plan.ToolUse is { } tool
            && !await WriteBlockAsync(sse, "tool_use", tool.Fragments, "input_json_delta"u8.ToArray(), "partial_json"u8.ToArray()))
        {
            return;
        }

        if (!await sse.NextAsync(carriesToken: false))
        {
            return;
        }
        json = Event(sse.Begin("message_delta"u8), "message_delta"u8);
        json.WriteStartObject("delta"u8);
        json.WriteString("stop_reason"u8, plan.StopReason);
        json.WriteNull("stop_sequence"u8);
        json.WriteEndObject();
        json.WriteStartObject("usage"u8);
        json.WriteNumber("output_tokens"u8, plan.OutputTokens);
        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndAsync();

        if (await sse.NextAsync(carriesToken: false))
        {
            Event(sse.Begin("message_stop"u8), "message_stop"u8).WriteEndObject();
            await sse.EndAsync();
        }
    }

    private async ValueTask<bool> WriteBlockAsync(SseStream sse, string type, string[] pieces, byte[] deltaType, byte[] deltaField)
    {
        var index = _index++;
        if (!await sse.NextAsync(carriesToken: false))
        {
            return false;
        }
        var json = Event(sse.Begin("content_block_start"u8), "content_block_start"u8);
        json.WriteNumber("index"u8, index);
        json.WriteStartObject("content_block"u8);
        json.WriteString("type"u8, type);
        switch (type)
        {
            case "tool_use":
                json.WriteString("id"u8, plan.ToolUse!.Id);
                json.WriteString("name"u8, plan.ToolUse.Name);
                json.WriteStartObject("input"u8);
                json.WriteEndObject();
                break;
            default:
                json.WriteString(type, ""u8);
                break;
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndAsync();

        if (index == 0)
        {
            if (!await sse.NextAsync(carriesToken: false))
            {
                return false;
            }
            Event(sse.Begin("ping"u8), "ping"u8).WriteEndObject();
            await sse.EndAsync();
        }

        foreach (var piece in pieces)
        {
            if (!await sse.NextAsync(carriesToken: true))
            {
                return false;
            }
            json = Delta(sse.Begin("content_block_delta"u8), index, deltaType);
            json.WriteString(deltaField, piece);
            json.WriteEndObject();
            json.WriteEndObject();
            await sse.EndAsync();
        }

        if (type == "thinking")
        {
            if (!await sse.NextAsync(carriesToken: false))
            {
                return false;
            }
            json = Delta(sse.Begin("content_block_delta"u8), index, "signature_delta"u8);
            json.WriteString("signature"u8, plan.Signature);
            json.WriteEndObject();
            json.WriteEndObject();
            await sse.EndAsync();
        }

        if (!await sse.NextAsync(carriesToken: false))
        {
            return false;
        }
        json = Event(sse.Begin("content_block_stop"u8), "content_block_stop"u8);
        json.WriteNumber("index"u8, index);
        json.WriteEndObject();
        await sse.EndAsync();
        return true;
    }

    private static Utf8JsonWriter Event(Utf8JsonWriter json, ReadOnlySpan<byte> type)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, type);
        return json;
    }

    private static Utf8JsonWriter Delta(Utf8JsonWriter json, int index, ReadOnlySpan<byte> deltaType)
    {
        Event(json, "content_block_delta"u8);
        json.WriteNumber("index"u8, index);
        json.WriteStartObject("delta"u8);
        json.WriteString("type"u8, deltaType);
        return json;
    }
}
