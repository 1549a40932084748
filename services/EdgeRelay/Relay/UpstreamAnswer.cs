namespace Platform.EdgeRelay.Relay;

/// <summary>An upstream's whole answer, written to the client with its status and content type as they came.</summary>
internal sealed class UpstreamAnswer(byte[] body, string? contentType, int status) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = contentType ?? "application/json";
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
