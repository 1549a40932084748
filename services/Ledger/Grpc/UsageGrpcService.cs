using System.IO.Pipelines;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Server;
using Platform.Ledger.Usage;
using UsageRecordMessage = Platform.Contracts.Ledger.V1.UsageRecord;

namespace Platform.Ledger.Grpc;

/// <summary>ledger.v1.LedgerUsage: validates and translates; UsageQueryStore reads.</summary>
internal sealed class UsageGrpcService(UsageQueryStore usage, TimeProvider clock)
{
    public async Task<ListUsageReply> ListUsage(ListUsageRequest request, ServerCallContext context)
    {
        var query = UsageRequests.Query(request.Filter, clock.GetUtcNow());
        var pageSize = UsageRequests.PageSize(request.PageSize);
        var after = UsageRequests.PageToken(request.PageToken);
        var page = await usage.ListAsync(query, after, pageSize, context.CancellationToken);
        var reply = new ListUsageReply { NextPageToken = page.Next?.ToToken() ?? "" };
        reply.Records.AddRange(page.Rows.Select(ToMessage));
        return reply;
    }

    public async Task ExportUsage(ExportUsageRequest request, IServerStreamWriter<UsageExportChunk> responses, ServerCallContext context)
    {
        var query = UsageRequests.Query(request.Filter, clock.GetUtcNow());
        var format = UsageRequests.Format(request.Format);
        // Segments of 64 KiB: each flush of the writer (every 32 KiB) goes out as about one message.
        var output = PipeWriter.Create(new ExportChunkStream(responses), new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        await UsageExportWriter.WriteAsync(usage.ReadAllAsync(query, context.CancellationToken), format, output, context.CancellationToken);
        await output.CompleteAsync();
    }

    public async Task<UsageStatsReply> UsageStats(UsageStatsRequest request, ServerCallContext context)
    {
        var period = UsageRequests.Period(request.Period);
        var query = UsageRequests.Query(request.Filter, clock.GetUtcNow(), period);
        var timeZone = UsageRequests.TimeZone(request.TimeZone);
        var buckets = await usage.StatsAsync(query, period, timeZone, request.ByModel, context.CancellationToken);
        var reply = new UsageStatsReply();
        reply.Buckets.AddRange(buckets.Select(bucket => new UsageStatsBucket
        {
            PeriodStart = Timestamp.FromDateTime(bucket.PeriodStart),
            Model = bucket.Model ?? "",
            Requests = bucket.Requests,
            PromptTokens = bucket.PromptTokens,
            CompletionTokens = bucket.CompletionTokens,
            CachedTokens = bucket.CachedTokens,
            CacheWriteTokens = bucket.CacheWriteTokens,
            AudioInputTokens = bucket.AudioInputTokens,
            AudioOutputTokens = bucket.AudioOutputTokens,
            CostMicroCoins = bucket.Cost,
            ChargedMicroCoins = bucket.Charged,
        }));
        return reply;
    }

    private static UsageRecordMessage ToMessage(UsageRow row)
    {
        var message = new UsageRecordMessage
        {
            RequestId = row.RequestId,
            CreatedAt = Timestamp.FromDateTimeOffset(row.CreatedAt),
            KeyId = row.KeyId ?? "",
            ChannelId = row.ChannelId ?? "",
            Model = row.Model,
            PromptTokens = row.PromptTokens,
            CompletionTokens = row.CompletionTokens,
            CachedTokens = row.CachedTokens,
            CacheWriteTokens = row.CacheWriteTokens,
            AudioInputTokens = row.AudioInputTokens,
            AudioOutputTokens = row.AudioOutputTokens,
            Calls = row.Calls,
            CostMicroCoins = row.Cost,
            ChargedMicroCoins = row.Charged,
            PriceVersion = row.PriceVersion,
            PriceSnapshotJson = row.PriceSnapshotJson,
            ClientIp = row.ClientIp?.ToString() ?? "",
            Status = row.Status,
        };
        if (row.UploadMs is { } uploadMs)
        {
            message.UploadMs = uploadMs;
        }
        if (row.DurationMs is { } durationMs)
        {
            message.DurationMs = durationMs;
        }
        if (row.TokensPerSecond is { } tokensPerSecond)
        {
            message.TokensPerSecond = tokensPerSecond;
        }
        return message;
    }
}
