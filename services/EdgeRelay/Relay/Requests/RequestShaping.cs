using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Platform.EdgeRelay.Relay.Requests;

/// <summary>The request-shaping rules of the reference changelog, applied to the body before it goes upstream.</summary>
internal static class RequestShaping
{
    // 24-0710 and the later removal of old models: retired names keep working, rewritten to their successors.
    private static readonly FrozenDictionary<string, string> RetiredModels = new Dictionary<string, string>
    {
        ["gpt-3.5-turbo-0301"] = "gpt-3.5-turbo",
        ["gpt-3.5-turbo-0613"] = "gpt-3.5-turbo",
        ["gpt-3.5-turbo-16k"] = "gpt-3.5-turbo",
        ["gpt-3.5-turbo-16k-0613"] = "gpt-3.5-turbo",
        ["gpt-4-0314"] = "gpt-4",
        ["gpt-4-32k"] = "gpt-4",
        ["gpt-4-32k-0314"] = "gpt-4",
        ["gpt-4-32k-0613"] = "gpt-4",
        ["gpt-4-vision-preview"] = "gpt-4o",
        ["gpt-4-1106-vision-preview"] = "gpt-4o",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // deepseek-reasoner refuses sampling parameters (DeepSeek's API reference); clients written for chat models send them.
    private static readonly string[] ReasonerIgnoredParameters = ["temperature", "top_p", "presence_penalty", "frequency_penalty"];

    public static string RewriteRetired(string model) => RetiredModels.GetValueOrDefault(model, model);

    /// <summary>Applies every rule for <paramref name="model"/> to <paramref name="body"/>, whose "model" is set to it.</summary>
    public static void Apply(JsonObject body, string model, bool stream)
    {
        body["model"] = model;
        // o-series models refuse max_tokens; the reference moves it to max_completion_tokens (24-0913, 25-0131).
        if (IsOSeries(model) && body.Remove("max_tokens", out var maxTokens) && !body.ContainsKey("max_completion_tokens"))
        {
            body["max_completion_tokens"] = maxTokens;
        }
        if (model.StartsWith("deepseek-reasoner", StringComparison.Ordinal))
        {
            foreach (var parameter in ReasonerIgnoredParameters)
            {
                body.Remove(parameter);
            }
        }
        // 24-0621: streams always ask the upstream for usage, which bills exactly; the client sees the chunk only if it asked.
        if (stream)
        {
            if (body["stream_options"] is not JsonObject options)
            {
                options = new JsonObject();
                body["stream_options"] = options;
            }
            options["include_usage"] = true;
        }
    }

    public static bool IsOSeries(string model) =>
        model.Length >= 2 && model[0] == 'o' && char.IsAsciiDigit(model[1]);
}
