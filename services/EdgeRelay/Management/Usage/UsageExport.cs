using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Json;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Usage;

/// <summary>
/// GET /api/v1/usage/export: the ledger's export chunks copied to the response as they arrive, never buffered whole.
/// A failure before the first chunk is an ordinary error answer; after it the connection is cut, so that a partial
/// download cannot pass for the whole file.
/// </summary>
internal static class UsageExport
{
    public static async Task<IResult> ExportAsync(HttpContext context, GrpcChannelProvider channels, ILoggerFactory loggers)
    {
        var (format, contentType) = context.Request.Query["format"].ToString() switch
        {
            "" or "csv" => (UsageExportFormat.Csv, "text/csv; charset=utf-8"),
            "json" => (UsageExportFormat.Json, "application/json; charset=utf-8"),
            var other => throw new InvalidRequestException($"format '{other}' is not supported; use format=csv or format=json", "format"),
        };
        var request = new ExportUsageRequest { Filter = UsageQuery.Filter(context.Request, context.Principal().UserId), Format = format };
        var cancellation = context.RequestAborted;
        var call = channels.CreateCaller("ledger", UsageReflection.Descriptor.Services[0])
            .ServerStreamingAsync<ExportUsageRequest, UsageExportChunk>("ExportUsage", request, new CallOptions(cancellationToken: cancellation));
        await using var chunks = call.GetAsyncEnumerator(cancellation);
        var more = await chunks.MoveNextAsync();

        var response = context.Response;
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"usage-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{(format == UsageExportFormat.Csv ? "csv" : "json")}\"";
        try
        {
            while (more)
            {
                await response.Body.WriteAsync(chunks.Current.Data.Memory, cancellation);
                more = await chunks.MoveNextAsync();
            }
        }
        catch (RpcException exception)
        {
            if (!cancellation.IsCancellationRequested)
            {
                loggers.CreateLogger(typeof(UsageExport)).LogWarning("The usage export stream broke off: the ledger answered {Status}", exception.StatusCode);
            }
            context.Abort();
        }
        return Results.Empty;
    }
}
