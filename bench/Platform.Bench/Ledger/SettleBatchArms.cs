using Platform.Bench.Reporting;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;

namespace Platform.Bench.Ledger;

/// <summary>
/// SettleBatch as the edge sends it: 200 draws on one budget per call. One caller on one budget, then four callers
/// taking four budgets in turn (batches on one budget queue on its row). Calls/s counts batches; latency is a batch's.
/// </summary>
internal static class SettleBatchArms
{
    private const int BatchSize = 200;

    public static async Task<IReadOnlyList<RunResult>> RunAsync(GrpcCaller ledger, TimeSpan warmUp, TimeSpan duration, string storage)
    {
        var results = new List<RunResult>();
        foreach (var budgets in new[] { 1, 4 })
        {
            var ids = new string[budgets];
            for (var b = 0; b < budgets; b++)
            {
                var wallet = Guid.NewGuid().ToString();
                ids[b] = $"bud_{Guid.NewGuid():N}";
                await ledger.UnaryAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
                {
                    RequestId = $"bench-{wallet}", AccountId = wallet, AmountMicroCoins = 1_000_000_000_000_000, Source = CreditSource.Operator,
                });
                await ledger.UnaryAsync<HoldRequest, HoldReply>("Hold", new HoldRequest
                {
                    RequestId = ids[b], AccountId = wallet, AmountMicroCoins = 500_000_000_000_000, TtlSeconds = 86_400,
                });
            }

            var next = -1;
            var batches = 0L;
            var name = $"settle batches of {BatchSize} draws, {budgets} budget{(budgets > 1 ? "s" : "")} ({storage})";
            results.Add(await LatencyRecorder.RunAsync(name, budgets, warmUp, duration, () =>
                BatchAsync(ledger, ids[Interlocked.Increment(ref next) % budgets], Interlocked.Increment(ref batches))));
        }
        return results;
    }

    private static async Task BatchAsync(GrpcCaller ledger, string budgetId, long batch)
    {
        var request = new SettleBatchRequest();
        for (var i = 0; i < BatchSize; i++)
        {
            request.Items.Add(new SettleRequest
            {
                RequestId = $"{budgetId}-{batch}-{i}",
                BudgetId = budgetId,
                Usage = new Usage { Model = "gpt-4o-mini", PromptTokens = 1_200, CompletionTokens = 300, CachedTokens = 512 },
                KeyId = "bench-key", ChannelId = "bench-channel", UploadMs = 3, DurationMs = 900,
            });
        }
        var reply = await ledger.UnaryAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", request);
        if (reply.Items.FirstOrDefault(item => item.Settled is null) is { } failed)
        {
            throw new InvalidOperationException($"a draw failed: {failed.Error}");
        }
    }
}
