using System.Threading.Channels;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// Settles finished calls in the background, so a keep-alive client's next request never waits for the ledger.
/// Several workers settle side by side; a stop drains what is queued. A settle lost in a crash leaves its hold to
/// expire: the call goes uncharged (the platform's loss, never the user's), which is the same outcome as a settle
/// that fails.
/// </summary>
internal sealed partial class SettleQueue(RelayBilling billing, ILogger<SettleQueue> logger) : BackgroundService
{
    private const int Workers = 8;
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
        await foreach (var work in _queue.Reader.ReadAllAsync())
        {
            await billing.SettleAsync(work.RequestId, work.Principal, work.Model, work.Usage, work.ChannelId, work.UploadMs, work.DurationMs,
                work.ClientIp, work.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped with {Count} calls not settled; their holds will expire")]
    private partial void LogUndrained(int count);
}
