using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI.Completions;

internal static class CompletionPlanner
{
    // The real API's default, which makes most legacy completions stop with finish_reason "length".
    private const int DefaultMaxTokens = 16;

    public static CompletionPlan? Plan(JsonElement request, SimDirectives directives, out OpenAIError? error)
    {
        error = null;
        var model = request.String("model");
        if (string.IsNullOrEmpty(model))
        {
            error = OpenAIError.BadRequest("you must provide a model parameter", "model");
            return null;
        }
        if (!request.TryGetProperty("prompt", out var prompt))
        {
            error = OpenAIError.BadRequest("'prompt' is a required property", "prompt");
            return null;
        }
        var promptText = PromptText(prompt, out var tokenIds);
        var suffix = request.String("suffix");

        var seed = new ContentSeed();
        seed.Add(model);
        seed.Add(directives.Seed);
        seed.Add(promptText);
        seed.Add(suffix);
        var random = new SeededRandom(seed.Value);
        var length = directives.Tokens ?? TextGenerator.DefaultLength(ref random);
        var limit = request.Int("max_tokens") ?? DefaultMaxTokens;
        var finish = "stop";
        if (limit < length)
        {
            (length, finish) = (Math.Max(limit, 0), "length");
        }
        var promptTokens = TokenEstimator.Estimate(promptText) + tokenIds + TokenEstimator.Estimate(suffix);
        return new CompletionPlan(model, request.Bool("echo") ? promptText : null, promptTokens,
            TextGenerator.Pieces(ref random, length), finish, request.Object("stream_options")?.Bool("include_usage") ?? false);
    }

    // The prompt may be a string, strings, token ids or arrays of token ids; ids count one token each.
    private static string PromptText(JsonElement prompt, out int tokenIds)
    {
        tokenIds = 0;
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return prompt.GetString()!;
        }
        if (prompt.ValueKind != JsonValueKind.Array)
        {
            return "";
        }
        var text = "";
        foreach (var item in prompt.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    text += item.GetString();
                    break;
                case JsonValueKind.Number:
                    tokenIds++;
                    break;
                case JsonValueKind.Array:
                    tokenIds += item.GetArrayLength();
                    break;
            }
        }
        return text;
    }
}
