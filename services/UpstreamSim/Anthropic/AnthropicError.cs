using System.Globalization;
using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.Anthropic;

/// <summary>Anthropic's error body <c>{"type":"error","error":{"type","message"},"request_id"}</c> with its status code.</summary>
internal sealed class AnthropicError(int status, string type, string message, TimeSpan? retryAfter = null) : IResult
{
    public static StreamFailure StreamFailure { get; } = new("error"u8.ToArray(), static (json, status) => Injected(status).WriteBody(json));

    public static AnthropicError MissingKey() => new(401, "authentication_error", "x-api-key header is required");

    public static AnthropicError InvalidKey() => new(401, "authentication_error", "invalid x-api-key");

    public static AnthropicError MissingVersion() => new(400, "invalid_request_error", "anthropic-version: header is required");

    public static AnthropicError BadRequest(string message) => new(400, "invalid_request_error", message);

    /// <summary>The error an <c>x-sim: fail=…</c> directive asks for, with the type Anthropic uses for that status.</summary>
    public static AnthropicError Injected(int status, SimDirectives? directives = null)
    {
        var retryAfter = directives?.RetryAfter ?? TimeSpan.FromSeconds(1);
        return status switch
        {
            400 => new(400, "invalid_request_error", "Simulated invalid request."),
            401 => new(401, "authentication_error", "invalid x-api-key"),
            403 => new(403, "permission_error", "Your API key does not have permission to use the specified resource."),
            404 => new(404, "not_found_error", "The requested resource could not be found."),
            413 => new(413, "request_too_large", "Request exceeds the maximum allowed number of bytes."),
            429 => new(429, "rate_limit_error", "Number of requests has exceeded your rate limit (simulated).", retryAfter),
            503 or 529 => new(status, "overloaded_error", "Overloaded", retryAfter),
            _ => new(status, status >= 500 ? "api_error" : "invalid_request_error", $"Simulated upstream error (HTTP {status})."),
        };
    }

    public void WriteBody(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "error"u8);
        json.WriteStartObject("error"u8);
        json.WriteString("type"u8, type);
        json.WriteString("message"u8, message);
        json.WriteEndObject();
        json.WriteString("request_id"u8, Ids.New("req_"));
        json.WriteEndObject();
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfter is { } delay)
        {
            httpContext.Response.Headers.RetryAfter = Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        return JsonBody.WriteAsync(httpContext, status, this, static (json, error) => error.WriteBody(json));
    }
}
