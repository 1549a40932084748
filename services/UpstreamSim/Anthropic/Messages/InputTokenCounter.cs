using System.Text.Json;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>
/// Input tokens of a Messages request, the same number for <c>count_tokens</c>, <c>message_start</c> and the final
/// usage: the system prompt, every block of every message, and the tool definitions, per <see cref="TokenEstimator"/>.
/// </summary>
internal static class InputTokenCounter
{
    public static int Count(JsonElement request, ref ContentSeed seed, out string lastUserText, out bool lastTurnIsToolResult)
    {
        lastUserText = "";
        lastTurnIsToolResult = false;
        var tokens = TokenEstimator.PerConversation;
        if (request.TryGetProperty("system", out var system))
        {
            var text = BlocksText(system, ref tokens, out _);
            tokens += TokenEstimator.Estimate(text);
            seed.Add(text);
        }
        foreach (var message in request.Array("messages")?.EnumerateArray() ?? default)
        {
            var role = message.String("role") ?? "";
            var toolResult = false;
            var text = message.TryGetProperty("content", out var content) ? BlocksText(content, ref tokens, out toolResult) : "";
            tokens += TokenEstimator.PerMessage + TokenEstimator.Estimate(text);
            seed.Add(role);
            seed.Add(text);
            if (role == "user")
            {
                lastUserText = text;
                lastTurnIsToolResult = toolResult;
            }
        }
        if (request.Array("tools") is { } tools)
        {
            tokens += TokenEstimator.Estimate(tools.GetRawText());
        }
        return tokens;
    }

    // Content is a string or blocks: text, image, tool_use, tool_result (itself a string or blocks), thinking.
    private static string BlocksText(JsonElement content, ref int tokens, out bool hasToolResult)
    {
        hasToolResult = false;
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }
        var text = "";
        foreach (var block in content.EnumerateArray())
        {
            switch (block.String("type"))
            {
                case "text":
                    text += block.String("text");
                    break;
                case "thinking":
                    text += block.String("thinking");
                    break;
                case "tool_use":
                    text += block.String("name") + (block.Object("input")?.GetRawText() ?? "");
                    break;
                case "tool_result":
                    hasToolResult = true;
                    text += block.TryGetProperty("content", out var result) ? BlocksText(result, ref tokens, out _) : "";
                    break;
                default:
                    tokens += TokenEstimator.PerImage;
                    break;
            }
        }
        return text;
    }
}
