using System.Globalization;
using System.Text.Json;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Sse;

namespace Platform.UpstreamSim.OpenAI;

/// <summary>OpenAI's error body <c>{"error":{"message","type","param","code"}}</c> with its status code.</summary>
internal sealed class OpenAIError(int status, string message, string type, string? param = null, string? code = null,
    TimeSpan? retryAfter = null) : IResult
{
    public static StreamFailure StreamFailure { get; } = new(null, static (json, status) => Injected(status).WriteBody(json));

    public static OpenAIError MissingKey() => new(401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
        "(i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API " +
        "from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        "invalid_request_error");

    public static OpenAIError InvalidKey(string key) => new(401,
        $"Incorrect API key provided: {Redact(key)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error", code: "invalid_api_key");

    public static OpenAIError BadRequest(string message, string? param = null) => new(400, message, "invalid_request_error", param);

    public static OpenAIError InvalidJson() => BadRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");

    public static OpenAIError ModelNotFound(string model) => new(404,
        $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", code: "model_not_found");

    /// <summary>The error an <c>x-sim: fail=…</c> directive asks for, worded as OpenAI words that status.</summary>
    public static OpenAIError Injected(int status, SimDirectives? directives = null) => status switch
    {
        429 => new(429, "Rate limit reached for requests (simulated). Please try again later.", "requests",
            code: "rate_limit_exceeded", retryAfter: directives?.RetryAfter ?? TimeSpan.FromSeconds(1)),
        500 => new(500, "The server had an error while processing your request. Sorry about that!", "server_error"),
        503 => new(503, "The engine is currently overloaded, please try again later.", "server_error",
            retryAfter: directives?.RetryAfter ?? TimeSpan.FromSeconds(1)),
        >= 500 => new(status, $"Simulated upstream error (HTTP {status}).", "server_error"),
        _ => new(status, $"Simulated upstream error (HTTP {status}).", "invalid_request_error"),
    };

    public void WriteBody(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("error"u8);
        json.WriteString("message"u8, message);
        json.WriteString("type"u8, type);
        json.WriteString("param"u8, param);
        json.WriteString("code"u8, code);
        json.WriteEndObject();
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

    private static string Redact(string key) => key.Length <= 8 ? "***" : $"{key[..3]}***{key[^4..]}";
}
