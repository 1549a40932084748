using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI.Completions;

/// <summary>The <c>text_completion</c> object.</summary>
internal sealed class CompletionResult(CompletionPlan plan, SimDirectives directives) : IResult
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
            json.WriteString("id"u8, Ids.New("cmpl-", 29));
            json.WriteString("object"u8, "text_completion"u8);
            json.WriteNumber("created"u8, Ids.UnixNow());
            json.WriteString("model"u8, plan.Model);
            json.WriteStartArray("choices"u8);
            json.WriteStartObject();
            json.WriteString("text"u8, plan.Echo + string.Concat(plan.Pieces));
            json.WriteNumber("index"u8, 0);
            json.WriteNull("logprobs"u8);
            json.WriteString("finish_reason"u8, plan.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            OpenAIUsage.Write(json, plan.PromptTokens, plan.CompletionTokens, details: false);
            json.WriteEndObject();
        });
    }
}
