using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Usage;

/// <summary>The real service process, as the AppHost starts it: usage written by Settle, read through LedgerUsage.</summary>
public sealed class UsageGrpcTests(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    private LedgerProcess _process = null!;
    private GrpcCaller _ledger = null!;
    private GrpcCaller _usage = null!;

    private static CallOptions Options => new(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        _process = await LedgerProcess.StartAsync(infrastructure);
        _ledger = _process.Caller(LedgerReflection.Descriptor.Services[0]);
        _usage = _process.Caller(UsageReflection.Descriptor.Services[0]);
    }

    [Fact]
    public async Task SettledCalls_AreListedExportedAndCounted_ThroughGrpc()
    {
        var account = Guid.NewGuid().ToString();
        await _ledger.CallAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
        {
            RequestId = "pay", AccountId = account, AmountMicroCoins = 1_000 * Coins.MicroPerCoin, Source = CreditSource.Payment,
        });
        foreach (var id in new[] { "call-1", "call-2", "call-3" })
        {
            await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = id, AccountId = account, AmountMicroCoins = 0 });
            await _ledger.CallAsync<SettleRequest, SettleReply>("Settle", new SettleRequest
            {
                RequestId = id, Usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 8, CompletionTokens = 30 },
                KeyId = "key-1", UploadMs = 40, DurationMs = 1_500, ClientIp = "198.51.100.1",
            });
        }
        var filter = new UsageFilter { AccountId = account };

        var first = await _usage.CallAsync<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest { Filter = filter, PageSize = 2 });
        var second = await _usage.CallAsync<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest { Filter = filter, PageSize = 2, PageToken = first.NextPageToken });
        var csv = new StringBuilder();
        await foreach (var chunk in _usage.ServerStreamingAsync<ExportUsageRequest, UsageExportChunk>(
            "ExportUsage", new ExportUsageRequest { Filter = filter, Format = UsageExportFormat.Csv }, Options))
        {
            csv.Append(chunk.Data.ToStringUtf8());
        }
        var stats = await _usage.CallAsync<UsageStatsRequest, UsageStatsReply>("UsageStats", new UsageStatsRequest { Filter = filter, Period = UsagePeriod.Total, ByModel = true });

        Assert.Equal(["call-3", "call-2", "call-1"], first.Records.Concat(second.Records).Select(r => r.RequestId));
        Assert.Equal("", second.NextPageToken);
        var record = first.Records[0];
        Assert.Equal(("key-1", 40, 1_500, 20d, "198.51.100.1", "ok"), (record.KeyId, record.UploadMs, record.DurationMs, record.TokensPerSecond, record.ClientIp, record.Status));
        Assert.Equal(5, csv.ToString().Split("\r\n").Length); // a header, three rows and the empty rest after the last CRLF
        var bucket = Assert.Single(stats.Buckets);
        Assert.Equal(("gpt-4o-2024-05-13", 3L, 90L), (bucket.Model, bucket.Requests, bucket.CompletionTokens));
        Assert.Equal(first.Records.Concat(second.Records).Sum(r => r.CostMicroCoins), bucket.CostMicroCoins);
    }

    [Fact]
    public async Task BadInput_IsInvalidArgument_SayingWhatToFix()
    {
        var account = Guid.NewGuid().ToString();
        var now = DateTimeOffset.UtcNow;
        var tooWide = new UsageFilter { AccountId = account, From = Timestamp.FromDateTimeOffset(now.AddDays(-400)), To = Timestamp.FromDateTimeOffset(now) };
        var sixWeeks = new UsageFilter { AccountId = account, From = Timestamp.FromDateTimeOffset(now.AddDays(-42)) };

        async Task<string> Refusal<TRequest, TReply>(string method, TRequest request) where TRequest : class, IMessage<TRequest> where TReply : class, IMessage<TReply>
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => _usage.CallAsync<TRequest, TReply>(method, request));
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            return refused.Detail;
        }

        Assert.Contains("page_token", await Refusal<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest { Filter = new() { AccountId = account }, PageToken = "garbage" }));
        Assert.Contains("page_size must be 1 to 500", await Refusal<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest { Filter = new() { AccountId = account }, PageSize = 501 }));
        Assert.Contains("at most 366 days", await Refusal<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest { Filter = tooWide }));
        Assert.Contains("not a UUID", await Refusal<ListUsageRequest, ListUsageReply>("ListUsage", new ListUsageRequest { Filter = new() { AccountId = "bob" } }));
        Assert.Contains("USAGE_PERIOD_DAY", await Refusal<UsageStatsRequest, UsageStatsReply>("UsageStats", new UsageStatsRequest { Filter = sixWeeks, Period = UsagePeriod.Hour }));
        Assert.Contains("'UTC+8' is not an IANA time zone", await Refusal<UsageStatsRequest, UsageStatsReply>("UsageStats", new UsageStatsRequest { Filter = sixWeeks, Period = UsagePeriod.Day, TimeZone = "UTC+8" }));
        var noFormat = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _usage.ServerStreamingAsync<ExportUsageRequest, UsageExportChunk>("ExportUsage", new ExportUsageRequest { Filter = sixWeeks }, Options))
            {
            }
        });
        Assert.Equal((StatusCode.InvalidArgument, true), (noFormat.StatusCode, noFormat.Detail.Contains("USAGE_EXPORT_FORMAT_CSV")));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
    }
}
