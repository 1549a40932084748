using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Chat;

/// <summary>The <c>chat.completion</c> object, after the time the answer would take to generate.</summary>
internal sealed class ChatCompletionResult(ChatPlan plan, SimDirectives directives) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (!await Stall.WaitAsync(StreamPacer.Total(directives, plan.CompletionTokens), httpContext.RequestAborted))
        {
            return;
        }
        await JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, plan, static (json, plan) =>
        {
            json.WriteStartObject();
            json.WriteString("id"u8, Ids.New("chatcmpl-", 29));
            json.WriteString("object"u8, "chat.completion"u8);
            json.WriteNumber("created"u8, Ids.UnixNow());
            json.WriteString("model"u8, plan.Model);
            json.WriteStartArray("choices"u8);
            json.WriteStartObject();
            json.WriteNumber("index"u8, 0);
            json.WriteStartObject("message"u8);
            json.WriteString("role"u8, "assistant"u8);
            json.WriteString("content"u8, plan.Text);
            json.WriteNull("refusal"u8);
            if (plan.ToolCall is { } call)
            {
                json.WriteStartArray("tool_calls"u8);
                json.WriteStartObject();
                json.WriteString("id"u8, call.Id);
                json.WriteString("type"u8, "function"u8);
                json.WriteStartObject("function"u8);
                json.WriteString("name"u8, call.Name);
                json.WriteString("arguments"u8, call.Arguments);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteStartArray("annotations"u8);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteNull("logprobs"u8);
            json.WriteString("finish_reason"u8, plan.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            OpenAIUsage.Write(json, plan.PromptTokens, plan.CompletionTokens, details: true);
            json.WriteString("service_tier"u8, "default"u8);
            json.WriteString("system_fingerprint"u8, ChatStreamResult.Fingerprint);
            json.WriteEndObject();
        });
    }
}
