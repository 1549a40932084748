using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Chat;

/// <summary>
/// <c>chat.completion.chunk</c> events in OpenAI's order: the role delta, one delta per token (content or tool call
/// arguments), the finish chunk, the usage chunk with empty <c>choices</c> when asked for, then <c>[DONE]</c>.
/// </summary>
internal sealed class ChatStreamResult(ChatPlan plan, SimDirectives directives) : StreamResult
{
    public const string Fingerprint = "fp_upstreamsim";

    private readonly string _id = Ids.New("chatcmpl-", 29);
    private readonly long _created = Ids.UnixNow();

    protected override async Task WriteAsync(HttpContext context)
    {
        using var sse = SseStream.Start(context, directives, OpenAIError.StreamFailure);
        if (!await sse.NextAsync(carriesToken: true))
        {
            return;
        }
        var json = StartChunk(sse.Begin(default));
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("content"u8, plan.ToolCall is null ? "" : null);
        if (plan.ToolCall is { } call)
        {
            json.WriteStartArray("tool_calls"u8);
            json.WriteStartObject();
            json.WriteNumber("index"u8, 0);
            json.WriteString("id"u8, call.Id);
            json.WriteString("type"u8, "function"u8);
            json.WriteStartObject("function"u8);
            json.WriteString("name"u8, call.Name);
            json.WriteString("arguments"u8, ""u8);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteNull("refusal"u8);
        EndChunk(json, null);
        await sse.EndAsync();

        foreach (var piece in plan.Pieces)
        {
            if (!await sse.NextAsync(carriesToken: true))
            {
                return;
            }
            json = StartChunk(sse.Begin(default));
            json.WriteString("content"u8, piece);
            EndChunk(json, null);
            await sse.EndAsync();
        }
        foreach (var fragment in plan.ToolCall?.Fragments ?? [])
        {
            if (!await sse.NextAsync(carriesToken: true))
            {
                return;
            }
            json = StartChunk(sse.Begin(default));
            json.WriteStartArray("tool_calls"u8);
            json.WriteStartObject();
            json.WriteNumber("index"u8, 0);
            json.WriteStartObject("function"u8);
            json.WriteString("arguments"u8, fragment);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            EndChunk(json, null);
            await sse.EndAsync();
        }

        if (!await sse.NextAsync(carriesToken: false))
        {
            return;
        }
        EndChunk(StartChunk(sse.Begin(default)), plan.FinishReason);
        await sse.EndAsync();

        if (plan.IncludeUsage)
        {
            if (!await sse.NextAsync(carriesToken: false))
            {
                return;
            }
            json = sse.Begin(default);
            WriteHeader(json);
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            OpenAIUsage.Write(json, plan.PromptTokens, plan.CompletionTokens, details: true);
            json.WriteEndObject();
            await sse.EndAsync();
        }
        if (await sse.NextAsync(carriesToken: false))
        {
            await sse.WriteDoneAsync();
        }
    }

    private void WriteHeader(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, _id);
        json.WriteString("object"u8, "chat.completion.chunk"u8);
        json.WriteNumber("created"u8, _created);
        json.WriteString("model"u8, plan.Model);
        json.WriteString("service_tier"u8, "default"u8);
        json.WriteString("system_fingerprint"u8, Fingerprint);
    }

    private Utf8JsonWriter StartChunk(Utf8JsonWriter json)
    {
        WriteHeader(json);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("delta"u8);
        return json;
    }

    private void EndChunk(Utf8JsonWriter json, string? finishReason)
    {
        json.WriteEndObject();
        json.WriteNull("logprobs"u8);
        json.WriteString("finish_reason"u8, finishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        if (plan.IncludeUsage)
        {
            json.WriteNull("usage"u8);
        }
        json.WriteEndObject();
    }
}
