using System.Threading.Channels;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// Settles finished calls in the background and in batches: whatever has queued up while the previous batch was
/// booked goes in the next one (up to <see cref="MaxBatch"/>, after a short linger so a quiet relay still batches), one
/// ledger transaction each, so the ledger's cost per call falls as load rises. A keep-alive client's next call never
/// waits for any of it. A transient failure is retried (settles are idempotent); a batch the ledger calls malformed is
/// split until the bad item is alone, so one bad item never loses the others. A stop drains what is queued. Settles
/// lost in a crash go uncharged (the platform's loss, never the user's); their budget hold expires.
/// </summary>
internal sealed partial class SettleQueue(RelayBilling billing, WalletBudgets budgets, ILogger<SettleQueue> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private const int Workers = 2;
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    // Bounded: if the ledger falls far behind, relayed calls wait here rather than memory growing without end.
    private readonly Channel<SettleWork> _queue = Channel.CreateBounded<SettleWork>(new BoundedChannelOptions(50_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleWriter = false,
        SingleReader = false,
    });

    public ValueTask EnqueueAsync(SettleWork work) =>
        _queue.Writer.TryWrite(work) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(work);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(DrainTimeout);
        await Task.WhenAny(ExecuteTask ?? Task.CompletedTask, Task.Delay(Timeout.Infinite, drain.Token));
        if (_queue.Reader.Count > 0)
        {
            LogUndrained(_queue.Reader.Count);
        }
    }

    // Workers read until the writer is completed at stop, not until the host's token fires, so a stop drains the queue.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(SettleAllAsync, CancellationToken.None)));

    private async Task SettleAllAsync()
    {
        var batch = new List<SettleWork>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            if (reader.Count < MaxBatch)
            {
                await Task.Delay(Linger);
            }
            while (batch.Count < MaxBatch && reader.TryRead(out var work))
            {
                batch.Add(work);
            }
            if (batch.Count > 0)
            {
                await SettleAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task SettleAsync(IReadOnlyList<SettleWork> batch)
    {
        var request = new SettleBatchRequest();
        foreach (var work in batch)
        {
            request.Items.Add(work.ToRequest());
        }
        SettleBatchReply? reply = null;
        for (var attempt = 0; reply is null; attempt++)
        {
            try
            {
                reply = await billing.SettleBatchAsync(request);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument && batch.Count > 1)
            {
                var half = batch.Count / 2;
                await SettleAsync(batch.Take(half).ToList());
                await SettleAsync(batch.Skip(half).ToList());
                return;
            }
            catch (RpcException exception) when (attempt < RetryDelays.Length && exception.StatusCode is not StatusCode.InvalidArgument)
            {
                await Task.Delay(RetryDelays[attempt]);
            }
            catch (RpcException exception)
            {
                LogBatchFailed(exception, batch.Count, batch[0].RequestId);
                foreach (var work in batch)
                {
                    budgets.Cancel(work.Reservation);
                }
                return;
            }
        }
        for (var i = 0; i < batch.Count; i++)
        {
            Apply(batch[i], reply.Items[i]);
        }
    }

    private void Apply(SettleWork work, SettleBatchItem item)
    {
        if (item.Settled is not { } settled)
        {
            LogItemFailed(work.RequestId, item.Error);
            budgets.Cancel(work.Reservation);
            return;
        }
        budgets.Settled(work.Reservation, settled.DrawnFromBudgetMicroCoins);
        if (work.Principal.Principal.HasQuotaMicroCoins && work.Principal.KeyId is { } keyId && settled.ChargedMicroCoins > 0)
        {
            _ = billing.RecordSpendAsync(work.RequestId, keyId, settled.ChargedMicroCoins);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling {Count} calls (first {RequestId}) failed; they go uncharged")]
    private partial void LogBatchFailed(Exception exception, int count, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ledger could not settle {RequestId}: {Error}; it goes uncharged")]
    private partial void LogItemFailed(string requestId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped with {Count} calls not settled; they go uncharged")]
    private partial void LogUndrained(int count);
}
