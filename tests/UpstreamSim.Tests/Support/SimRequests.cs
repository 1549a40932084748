using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>Raw HTTP requests, for what an SDK hides (wire order, headers, error bodies, cut streams).</summary>
public static class SimRequests
{
    public static HttpRequestMessage OpenAI(string path, JsonNode body, string? sim = null, string key = Simulator.OpenAIKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        if (sim is not null)
        {
            request.Headers.TryAddWithoutValidation("x-sim", sim);
        }
        return request;
    }

    public static HttpRequestMessage Anthropic(string path, JsonNode body, string? sim = null, string? key = Simulator.AnthropicKey,
        string? version = "2023-06-01")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("anthropic-version", version);
        }
        if (sim is not null)
        {
            request.Headers.TryAddWithoutValidation("x-sim", sim);
        }
        return request;
    }

    public static JsonObject Chat(string prompt, bool stream = false) => new()
    {
        ["model"] = "gpt-4o-mini",
        ["stream"] = stream,
        ["stream_options"] = stream ? new JsonObject { ["include_usage"] = true } : null,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
    };

    public static JsonObject Message(string prompt, bool stream = false, int maxTokens = 1024) => new()
    {
        ["model"] = "claude-sonnet-4-5",
        ["max_tokens"] = maxTokens,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
    };
}
