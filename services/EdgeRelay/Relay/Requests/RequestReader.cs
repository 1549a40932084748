using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Platform.EdgeRelay.Errors;

namespace Platform.EdgeRelay.Relay.Requests;

/// <summary>Reads and checks a relay call's body; every refusal is OpenAI's 400 (or 413) with what to fix.</summary>
internal static class RequestReader
{
    /// <summary>Largest body accepted: images as base64 in chat messages fit, runaway uploads do not.</summary>
    public const long MaxBodyBytes = 20 * 1024 * 1024;

    /// <summary>Output cap assumed for the hold when the client sets none.</summary>
    public const long DefaultMaxOutputTokens = 4_096;

    public static async Task<(RelayRequest? Request, IResult? Error)> ReadAsync(HttpContext context, RelayEndpoint endpoint)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            // Refused before a byte is read: a client that sent Expect: 100-continue never uploads the body at all.
            return (null, TooLarge());
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        JsonNode? node;
        long length;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            length = buffer.Length;
            node = length == 0 ? null : JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (JsonException exception)
        {
            return (null, OpenAiError.BadRequest($"the body is not valid JSON ({exception.Message}); send a JSON object with Content-Type: application/json"));
        }

        if (node is not JsonObject body)
        {
            return (null, OpenAiError.BadRequest("the body must be a JSON object such as {\"model\": \"gpt-4o-mini\", \"messages\": [...]}"));
        }
        if (body["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || string.IsNullOrWhiteSpace(model))
        {
            return (null, OpenAiError.BadRequest("you must provide a model parameter (a model name string, e.g. \"gpt-4o-mini\"); GET /v1/models lists yours", "model"));
        }
        var required = endpoint switch
        {
            RelayEndpoint.ChatCompletions => "messages",
            RelayEndpoint.Completions => "prompt",
            _ => "input",
        };
        if (body[required] is null || (endpoint == RelayEndpoint.ChatCompletions && body[required] is not JsonArray { Count: > 0 }))
        {
            return (null, OpenAiError.BadRequest(endpoint == RelayEndpoint.ChatCompletions
                ? "'messages' is a required property: a non-empty array of {\"role\", \"content\"} objects"
                : $"'{required}' is a required property", required));
        }
        var stream = false;
        if (body["stream"] is { } streamNode && (streamNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)))
        {
            return (null, OpenAiError.BadRequest("'stream' must be true or false", "stream"));
        }
        if (endpoint != RelayEndpoint.Embeddings)
        {
            stream = body["stream"]?.GetValueKind() == JsonValueKind.True;
        }
        var maxOutput = endpoint == RelayEndpoint.Embeddings ? 0 : ReadCap(body, "max_completion_tokens") ?? ReadCap(body, "max_tokens") ?? DefaultMaxOutputTokens;
        if (maxOutput < 0)
        {
            return (null, OpenAiError.BadRequest("max_tokens must be a positive integer", "max_tokens"));
        }
        var clientWantsUsage = stream && body["stream_options"] is JsonObject options && options["include_usage"]?.GetValueKind() == JsonValueKind.True;

        return (new RelayRequest
        {
            Endpoint = endpoint,
            Body = body,
            Model = RequestShaping.RewriteRetired(model.Trim()),
            Stream = stream,
            ClientWantsUsage = clientWantsUsage,
            EstimatedPromptTokens = length / 4 + 16,
            MaxOutputTokens = maxOutput,
        }, null);
    }

    private static IResult TooLarge() => OpenAiError.Create(StatusCodes.Status413PayloadTooLarge,
        $"the request body is larger than {MaxBodyBytes / (1024 * 1024)} MB; send large files through the files API or as URLs", "invalid_request_error", null, "request_too_large");

    private static long? ReadCap(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<long>(out var cap) ? cap : body[name] is null ? null : -1;
}
