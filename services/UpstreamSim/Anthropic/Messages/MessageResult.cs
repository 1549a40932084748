using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>The whole <c>message</c> object, after the time its answer would take to generate.</summary>
internal sealed class MessageResult(MessagePlan plan, SimDirectives directives) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (!await Stall.WaitAsync(StreamPacer.Total(directives, plan.OutputTokens), httpContext.RequestAborted))
        {
            return;
        }
        await JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, plan, static (json, plan) =>
        {
            json.WriteStartObject();
            json.WriteString("id"u8, Ids.New("msg_01"));
            json.WriteString("type"u8, "message"u8);
            json.WriteString("role"u8, "assistant"u8);
            json.WriteString("model"u8, plan.Model);
            json.WriteStartArray("content"u8);
            if (plan.Thinking is { } thinking)
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "thinking"u8);
                json.WriteString("thinking"u8, string.Concat(thinking));
                json.WriteString("signature"u8, plan.Signature);
                json.WriteEndObject();
            }
            if (plan.Text.Length > 0)
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "text"u8);
                json.WriteString("text"u8, string.Concat(plan.Text));
                json.WriteEndObject();
            }
            if (plan.ToolUse is { } tool)
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "tool_use"u8);
                json.WriteString("id"u8, tool.Id);
                json.WriteString("name"u8, tool.Name);
                json.WritePropertyName("input"u8);
                json.WriteRawValue(tool.InputJson, skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("stop_reason"u8, plan.StopReason);
            json.WriteNull("stop_sequence"u8);
            AnthropicUsage.Write(json, plan.InputTokens, plan.OutputTokens);
            json.WriteEndObject();
        });
    }
}
