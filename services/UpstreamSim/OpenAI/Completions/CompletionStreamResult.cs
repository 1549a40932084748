using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Completions;

/// <summary>Legacy completion chunks: the echoed prompt if asked, one chunk per token, the finish chunk, usage, <c>[DONE]</c>.</summary>
internal sealed class CompletionStreamResult(CompletionPlan plan, SimDirectives directives) : StreamResult
{
    private readonly string _id = Ids.New("cmpl-", 29);
    private readonly long _created = Ids.UnixNow();

    protected override async Task WriteAsync(HttpContext context)
    {
        using var sse = SseStream.Start(context, directives, OpenAIError.StreamFailure);
        if (plan.Echo is { } echo && !await WriteChunkAsync(sse, echo, null, carriesToken: false))
        {
            return;
        }
        foreach (var piece in plan.Pieces)
        {
            if (!await WriteChunkAsync(sse, piece, null, carriesToken: true))
            {
                return;
            }
        }
        if (!await WriteChunkAsync(sse, "", plan.FinishReason, carriesToken: false))
        {
            return;
        }
        if (plan.IncludeUsage)
        {
            if (!await sse.NextAsync(carriesToken: false))
            {
                return;
            }
            var json = sse.Begin(default);
            WriteHeader(json);
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            OpenAIUsage.Write(json, plan.PromptTokens, plan.CompletionTokens, details: false);
            json.WriteEndObject();
            await sse.EndAsync();
        }
        if (await sse.NextAsync(carriesToken: false))
        {
            await sse.WriteDoneAsync();
        }
    }

    private async ValueTask<bool> WriteChunkAsync(SseStream sse, string text, string? finishReason, bool carriesToken)
    {
        if (!await sse.NextAsync(carriesToken))
        {
            return false;
        }
        var json = sse.Begin(default);
        WriteHeader(json);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteString("text"u8, text);
        json.WriteNumber("index"u8, 0);
        json.WriteNull("logprobs"u8);
        json.WriteString("finish_reason"u8, finishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await sse.EndAsync();
        return true;
    }

    private void WriteHeader(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, _id);
        json.WriteString("object"u8, "text_completion"u8);
        json.WriteNumber("created"u8, _created);
        json.WriteString("model"u8, plan.Model);
    }
}
