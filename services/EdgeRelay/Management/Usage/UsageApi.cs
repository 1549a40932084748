using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Json;
using Platform.EdgeRelay.Management.Paging;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Usage;

/// <summary>
/// <c>/api/v1/usage</c>: the caller's usage records from the ledger. Every route takes <c>from</c> and <c>to</c>
/// (ISO 8601, default the last 30 days, at most 366 days), <c>model</c> and <c>key_id</c>.
/// </summary>
internal static class UsageApi
{
    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        var usage = api.MapGroup("/usage").WithTags("Usage").AddEndpointFilter(InHttpTerms);
        usage.MapGet("/", ListAsync).WithName("ListUsage");
        usage.MapGet("/export", UsageExport.ExportAsync).WithName("ExportUsage");
        usage.MapGet("/stats", StatsAsync).WithName("UsageStats");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var page = PageQuery.From(context.Request, maxLimit: 500);
        var reply = await Usage(channels).UnaryAsync<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest
        {
            Filter = UsageQuery.Filter(context.Request, context.Principal().UserId),
            PageSize = page.Limit,
            PageToken = page.PageToken,
        }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(Page<UsageRecordView>.Of(reply.Records.Select(UsageRecordView.From), reply.NextPageToken));
    }

    /// <summary><c>group_by</c> hour (ranges up to 31 days), day (the default), month or model (totals per model); <c>time_zone</c> an IANA name, default Asia/Shanghai.</summary>
    private static async Task<IResult> StatsAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var groupBy = context.Request.Query["group_by"].ToString() is { Length: > 0 } given ? given : "day";
        var period = groupBy switch
        {
            "hour" => UsagePeriod.Hour,
            "day" => UsagePeriod.Day,
            "month" => UsagePeriod.Month,
            "model" => UsagePeriod.Total,
            _ => throw new InvalidRequestException($"group_by '{groupBy}' is not supported; use hour, day, month or model", "group_by"),
        };
        var reply = await Usage(channels).UnaryAsync<UsageStatsRequest, UsageStatsReply>("UsageStats", new UsageStatsRequest
        {
            Filter = UsageQuery.Filter(context.Request, context.Principal().UserId),
            Period = period,
            ByModel = period == UsagePeriod.Total,
            TimeZone = context.Request.Query["time_zone"].ToString(),
        }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(new UsageStatsView(groupBy, [.. reply.Buckets.Select(UsageBucketView.From)]));
    }

    /// <summary>The ledger names the query parameters as its gRPC fields (filter.from, USAGE_PERIOD_DAY); these routes' callers know them by their HTTP names.</summary>
    private static async ValueTask<object?> InHttpTerms(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
        {
            throw new RpcException(exception.StatusCode, exception.Detail.Replace("filter.from to filter.to", "from..to").Replace("filter.", "").Replace("USAGE_PERIOD_DAY", "group_by=day"));
        }
    }

    private static GrpcCaller Usage(GrpcChannelProvider channels) => channels.CreateCaller("ledger", UsageReflection.Descriptor.Services[0]);
}
