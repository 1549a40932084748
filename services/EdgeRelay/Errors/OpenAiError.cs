using System.Text.Json.Serialization;

namespace Platform.EdgeRelay.Errors;

/// <summary>
/// Errors in OpenAI's shape (<c>{"error": {"message", "type", "param", "code"}}</c>) and status codes, which every
/// OpenAI client parses; the message always says what to do.
/// </summary>
internal static class OpenAiError
{
    public static IResult BadRequest(string message, string? param = null, string? code = null) =>
        Create(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code);

    public static IResult Unauthorized(string message, string code = "invalid_api_key") =>
        Create(StatusCodes.Status401Unauthorized, message, "invalid_request_error", null, code);

    public static IResult PaymentRequired(string message) =>
        Create(StatusCodes.Status402PaymentRequired, message, "insufficient_quota", null, "insufficient_quota");

    public static IResult Forbidden(string message, string code = "permission_denied") =>
        Create(StatusCodes.Status403Forbidden, message, "invalid_request_error", null, code);

    public static IResult NotFound(string message, string? param = null, string code = "model_not_found") =>
        Create(StatusCodes.Status404NotFound, message, "invalid_request_error", param, code);

    public static IResult TooManyRequests(string message, TimeSpan retryAfter, string code = "rate_limit_exceeded") =>
        new WithRetryAfter(Create(StatusCodes.Status429TooManyRequests, message, "requests", null, code), retryAfter);

    public static IResult Upstream(int status, string message) =>
        Create(status, message, status == StatusCodes.Status504GatewayTimeout ? "timeout" : "upstream_error", null, null);

    public static IResult Create(int status, string message, string type, string? param, string? code) =>
        TypedResults.Json(new ErrorBody(new ErrorDetail(message, type, param, code)), statusCode: status);

    private sealed record ErrorBody(ErrorDetail Error);

    // OpenAI sends "param": null and "code": null rather than leaving them out.
    private sealed record ErrorDetail(
        string Message,
        string Type,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

    private sealed class WithRetryAfter(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
