using System.Text;
using System.Text.Json.Nodes;

namespace Platform.EdgeRelay.Relay.Streaming;

/// <summary>
/// For channels that cannot stream (the reference's o1 compatibility): the whole chat completion the upstream returned,
/// written as the chunks a streaming upstream would have sent: the message in one delta per choice, then the finish
/// reasons, the usage chunk when the client asked for it, and [DONE].
/// </summary>
internal static class WholeAnswerAsStream
{
    public static async Task WriteAsync(JsonObject completion, HttpResponse response, bool clientWantsUsage, CancellationToken cancellationToken)
    {
        var choices = completion["choices"] as JsonArray ?? [];
        var deltas = new JsonArray();
        var finishes = new JsonArray();
        foreach (var choice in choices.OfType<JsonObject>())
        {
            var index = choice["index"]?.DeepClone() ?? 0;
            var delta = choice["message"]?.DeepClone() as JsonObject ?? new JsonObject { ["role"] = "assistant" };
            if (delta["tool_calls"] is JsonArray calls)
            {
                // Streamed tool calls carry their position, which whole messages leave implicit.
                for (var i = 0; i < calls.Count; i++)
                {
                    if (calls[i] is JsonObject call)
                    {
                        call["index"] = i;
                    }
                }
            }
            deltas.Add(new JsonObject { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = null });
            finishes.Add(new JsonObject { ["index"] = index.DeepClone(), ["delta"] = new JsonObject(), ["logprobs"] = null, ["finish_reason"] = choice["finish_reason"]?.DeepClone() });
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await WriteEventAsync(response, Chunk(completion, deltas, includeUsage: false), cancellationToken);
        await WriteEventAsync(response, Chunk(completion, finishes, includeUsage: false), cancellationToken);
        if (clientWantsUsage && completion["usage"] is not null)
        {
            await WriteEventAsync(response, Chunk(completion, [], includeUsage: true), cancellationToken);
        }
        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
    }

    private static JsonObject Chunk(JsonObject completion, JsonArray choices, bool includeUsage)
    {
        var chunk = new JsonObject
        {
            ["id"] = completion["id"]?.DeepClone(),
            ["object"] = "chat.completion.chunk",
            ["created"] = completion["created"]?.DeepClone(),
            ["model"] = completion["model"]?.DeepClone(),
            ["system_fingerprint"] = completion["system_fingerprint"]?.DeepClone(),
            ["choices"] = choices,
        };
        if (includeUsage)
        {
            chunk["usage"] = completion["usage"]?.DeepClone();
        }
        return chunk;
    }

    private static Task WriteEventAsync(HttpResponse response, JsonObject chunk, CancellationToken cancellationToken) =>
        response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", Encoding.UTF8, cancellationToken);
}
