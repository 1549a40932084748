using System.Text;
using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI.Chat;

/// <summary>Turns a chat completion request into its answer: text or a tool call, and the token counts.</summary>
internal static class ChatPlanner
{
    public static ChatPlan? Plan(JsonElement request, SimDirectives directives, out OpenAIError? error)
    {
        error = null;
        var model = request.String("model");
        if (string.IsNullOrEmpty(model))
        {
            error = OpenAIError.BadRequest("you must provide a model parameter", "model");
            return null;
        }
        if (request.Array("messages") is not { } messages || messages.GetArrayLength() == 0)
        {
            error = OpenAIError.BadRequest("[] is too short - 'messages'", "messages");
            return null;
        }

        var seed = new ContentSeed();
        seed.Add(model);
        seed.Add(directives.Seed);
        seed.Add(request.Int("seed") ?? 0);
        var promptTokens = TokenEstimator.PerConversation;
        var lastUserText = "";
        var lastRole = "";
        foreach (var message in messages.EnumerateArray())
        {
            lastRole = message.String("role") ?? "";
            var text = ContentText(message, ref promptTokens);
            promptTokens += TokenEstimator.PerMessage + TokenEstimator.Estimate(text);
            if (message.Array("tool_calls") is { } calls)
            {
                promptTokens += TokenEstimator.Estimate(calls.GetRawText());
            }
            seed.Add(lastRole);
            seed.Add(text);
            if (lastRole == "user")
            {
                lastUserText = text;
            }
        }

        var toolNames = new List<string>();
        var schemas = new List<JsonElement>();
        if (request.Array("tools") is { } tools)
        {
            promptTokens += TokenEstimator.Estimate(tools.GetRawText());
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.Object("function") is { } function && function.String("name") is { } name)
                {
                    toolNames.Add(name);
                    schemas.Add(function.Object("parameters") ?? default);
                }
            }
        }
        var (forbidden, required, forced) = ReadToolChoice(request);

        var random = new SeededRandom(seed.Value);
        var includeUsage = request.Object("stream_options")?.Bool("include_usage") ?? false;
        var toolIndex = ToolChoice.Pick(toolNames, lastUserText, lastRole == "tool", forbidden, required, forced);
        if (toolIndex >= 0)
        {
            var arguments = ToolArguments.Generate(schemas[toolIndex], ref random);
            var call = new ToolCallPlan(Ids.New("call_"), toolNames[toolIndex], arguments, ToolArguments.Fragments(arguments));
            return new ChatPlan(model, promptTokens, [], call, "tool_calls", includeUsage);
        }

        var length = directives.Tokens ?? TextGenerator.DefaultLength(ref random);
        var limit = request.Int("max_completion_tokens") ?? request.Int("max_tokens");
        var finish = "stop";
        if (limit is { } max && max < length)
        {
            (length, finish) = (Math.Max(max, 0), "length");
        }
        return new ChatPlan(model, promptTokens, TextGenerator.Pieces(ref random, length), null, finish, includeUsage);
    }

    private static string ContentText(JsonElement message, ref int promptTokens)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.String("text") is { } partText)
            {
                text.Append(partText);
            }
            else
            {
                promptTokens += TokenEstimator.PerImage;
            }
        }
        return text.ToString();
    }

    private static (bool Forbidden, bool Required, string? Forced) ReadToolChoice(JsonElement request)
    {
        if (!request.TryGetProperty("tool_choice", out var choice))
        {
            return (false, false, null);
        }
        return choice.ValueKind == JsonValueKind.String
            ? (choice.GetString() == "none", choice.GetString() == "required", null)
            : (false, true, choice.Object("function")?.String("name"));
    }
}
