using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>Validates a Messages request as the real API does and decides its answer.</summary>
internal static class MessagePlanner
{
    public static MessagePlan? Plan(JsonElement request, SimDirectives directives, out AnthropicError? error)
    {
        if (Validate(request, requireMaxTokens: true) is { } invalid)
        {
            error = invalid;
            return null;
        }
        error = null;
        var model = request.String("model")!;
        var maxTokens = request.Int("max_tokens")!.Value;
        var budget = 0;
        if (request.Object("thinking") is { } thinking && thinking.String("type") == "enabled")
        {
            budget = thinking.Int("budget_tokens") ?? 0;
            if (budget < 1024)
            {
                error = AnthropicError.BadRequest("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
                return null;
            }
            if (budget >= maxTokens)
            {
                error = AnthropicError.BadRequest("`max_tokens` must be greater than `thinking.budget_tokens`.");
                return null;
            }
        }

        var seed = new ContentSeed();
        seed.Add(model);
        seed.Add(directives.Seed);
        var inputTokens = InputTokenCounter.Count(request, ref seed, out var lastUserText, out var lastTurnIsToolResult);
        var random = new SeededRandom(seed.Value);
        var thinkingPieces = budget > 0 ? TextGenerator.Pieces(ref random, random.Next(8, 32)) : null;
        var signature = budget > 0 ? Signature(ref random) : "";

        var (toolNames, schemas) = Tools(request);
        var choice = request.Object("tool_choice");
        var choiceType = choice?.String("type") ?? "auto";
        var toolIndex = ToolChoice.Pick(toolNames, lastUserText, lastTurnIsToolResult, choiceType == "none",
            choiceType == "any", choiceType == "tool" ? choice?.String("name") : null);
        if (toolIndex >= 0)
        {
            var preamble = TextGenerator.Pieces(ref random, random.Next(4, 9));
            var input = ToolArguments.Generate(schemas[toolIndex], ref random);
            var toolUse = new ToolUsePlan(Ids.New("toolu_01"), toolNames[toolIndex], input, ToolArguments.Fragments(input));
            return new MessagePlan(model, inputTokens, thinkingPieces, signature, preamble, toolUse, "tool_use");
        }

        var length = directives.Tokens ?? TextGenerator.DefaultLength(ref random);
        var room = Math.Max(0, maxTokens - (thinkingPieces?.Length ?? 0));
        var stop = "end_turn";
        if (length > room)
        {
            (length, stop) = (room, "max_tokens");
        }
        return new MessagePlan(model, inputTokens, thinkingPieces, signature, TextGenerator.Pieces(ref random, length), null, stop);
    }

    /// <summary>The checks the real API makes before anything else; count_tokens needs no max_tokens.</summary>
    public static AnthropicError? Validate(JsonElement request, bool requireMaxTokens)
    {
        if (string.IsNullOrEmpty(request.String("model")))
        {
            return AnthropicError.BadRequest("model: Field required");
        }
        if (requireMaxTokens && request.Int("max_tokens") is not > 0)
        {
            return AnthropicError.BadRequest("max_tokens: Field required (a positive integer)");
        }
        if (request.Array("messages") is not { } messages || messages.GetArrayLength() == 0)
        {
            return AnthropicError.BadRequest("messages: at least one message is required");
        }
        return null;
    }

    private static (List<string> Names, List<JsonElement> Schemas) Tools(JsonElement request)
    {
        var names = new List<string>();
        var schemas = new List<JsonElement>();
        foreach (var tool in request.Array("tools")?.EnumerateArray() ?? default)
        {
            if (tool.String("name") is { } name)
            {
                names.Add(name);
                schemas.Add(tool.Object("input_schema") ?? default);
            }
        }
        return (names, schemas);
    }

    private static string Signature(ref SeededRandom random)
    {
        Span<byte> bytes = stackalloc byte[48];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }
        return Convert.ToBase64String(bytes);
    }
}
