namespace Platform.UpstreamSim.Sse;

/// <summary>Base of streaming results: a client that leaves mid-stream ends the stream quietly instead of throwing.</summary>
internal abstract class StreamResult : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await WriteAsync(httpContext);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
        }
    }

    protected abstract Task WriteAsync(HttpContext context);
}
