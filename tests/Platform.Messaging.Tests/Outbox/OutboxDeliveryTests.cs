using System.Diagnostics;
using MassTransit;
using Platform.Messaging.Tests.Support;
using Platform.Testing;

namespace Platform.Messaging.Tests.Outbox;

public sealed class OutboxDeliveryTests(PlatformInfrastructure infrastructure)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TenThousandEvents_NoneLostNoneDoubled_WhenTheDispatcherIsKilledMidBatchAndRestarted()
    {
        const int total = 10_000, killAfter = 3_333;
        var counter = new DeliveryCounter<TenThousandEvent>();
        await using var service = await MessagingTestHost.StartAsync(infrastructure, bus =>
            bus.AddConsumer<SideEffectConsumer<TenThousandEvent>>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("ten-thousand"), true)));
        service.Bus.ConnectConsumeObserver(counter);
        service.Bus.ConnectPublishObserver(counter);
        var killed = new TaskCompletionSource();
        counter.AfterPublish = async (published, publishing) =>
        {
            if (published == killAfter)
            {
                // StopAsync waits for the batch, which waits for this publish: stop from outside, and hold this
                // publish until the cancellation reaches it, so the batch dies with published but unmarked rows.
                _ = Task.Run(async () =>
                {
                    await service.Dispatcher.StopAsync(CancellationToken.None);
                    killed.SetResult();
                });
                var cancelled = new TaskCompletionSource();
                await using (publishing.Register(cancelled.SetResult))
                {
                    await cancelled.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
                }
            }
        };

        var started = Stopwatch.StartNew();
        var producer = Task.Run(() => service.EnqueueAsync(Enumerable.Range(0, total).Select(n => new TenThousandEvent(n)), perTransaction: 100), TestContext.Current.CancellationToken);
        await killed.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var publishedBeforeKill = counter.Published.Count;
        // Whatever commits now waits with no dispatcher running, like events committed just before a crash.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(publishedBeforeKill, counter.Published.Count);
        var restartedAt = started.Elapsed;
        await service.StartReplicaDispatcherAsync();
        await producer;
        await Eventually.HoldsAsync(async () => await service.ScalarAsync<long>("SELECT count(*) FROM side_effects") >= total, Patience, "every event has its side effect");
        var elapsed = started.Elapsed;
        await Eventually.HoldsAsync(async () => await service.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0, Patience, "the outbox is drained");
        // Repeats still in flight would add rows: give them time to arrive.
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        var (rows, messages, numbers, lowest, highest) = (await service.QueryAsync<(long, long, long, int, int)>(
            "SELECT count(*), count(DISTINCT message_id), count(DISTINCT number), min(number), max(number) FROM side_effects")).Single();
        Assert.Equal((total, total, total, 0, total - 1), (rows, messages, numbers, lowest, highest));
        Assert.True(counter.Deliveries > total, $"the killed batch should have been published again; saw {counter.Deliveries} deliveries");
        Assert.True(counter.Published.Count > total, "the restarted dispatcher should have published the unmarked rows again");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{total} events, {counter.Published.Count} publishes, {counter.Deliveries} deliveries ({counter.Deliveries - total} repeats absorbed by the inbox); " +
            $"killed after {publishedBeforeKill} publishes; all side effects after {elapsed.TotalSeconds:F1} s ({total / elapsed.TotalSeconds:F0} events/s end to end, " +
            $"{(total - publishedBeforeKill) / (elapsed - restartedAt).TotalSeconds:F0} events/s after the restart)");
    }

    [Fact]
    public async Task RolledBackTransaction_PublishesNothing()
    {
        var counter = new DeliveryCounter<RolledBackEvent>();
        await using var service = await MessagingTestHost.StartAsync(infrastructure, bus =>
            bus.AddConsumer<SideEffectConsumer<RolledBackEvent>>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("rolled-back"), true)));
        service.Bus.ConnectConsumeObserver(counter);
        service.Bus.ConnectPublishObserver(counter);

        await using (var connection = await service.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await service.Outbox.EnqueueAsync(transaction, new RolledBackEvent(1), TestContext.Current.CancellationToken);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        // A later committed event: once it is handled, the rolled-back one (earlier in order) would have been too.
        await service.EnqueueAsync([new RolledBackEvent(2)], perTransaction: 1);
        await Eventually.HoldsAsync(() => Task.FromResult(counter.Deliveries >= 1), Patience, "the committed event is handled");
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal([2], await service.QueryAsync<int>("SELECT number FROM side_effects"));
        Assert.Single(counter.Published);
        Assert.Equal(1, counter.Deliveries);
        Assert.Equal(1L, await service.ScalarAsync<long>("SELECT count(*) FROM outbox"));
    }

    [Fact]
    public async Task TwoDispatcherReplicas_PublishEachRowOnceInCommitOrder()
    {
        const int total = 2_000;
        var counter = new DeliveryCounter<OrderedEvent>();
        await using var service = await MessagingTestHost.StartAsync(
            infrastructure,
            bus => bus.AddConsumer<SideEffectConsumer<OrderedEvent>>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("ordered"), true)),
            // One message at a time, so the consumer sees the broker's order; small batches, so the replicas alternate.
            options => (options.PrefetchCount, options.OutboxBatchSize) = (1, 50));
        service.Bus.ConnectConsumeObserver(counter);
        service.Bus.ConnectPublishObserver(counter);
        await service.StartReplicaDispatcherAsync();

        await service.EnqueueAsync(Enumerable.Range(0, total).Select(n => new OrderedEvent(n)), perTransaction: 10);
        await Eventually.HoldsAsync(() => Task.FromResult(counter.Deliveries >= total), Patience, "every event is handled");

        Assert.Equal(total, counter.Published.Count);
        Assert.Equal(total, counter.Published.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, total), await service.QueryAsync<int>("SELECT number FROM side_effects ORDER BY seq"));
    }

    [Fact]
    public async Task Dispatcher_IsWokenByTheCommitRatherThanByPolling()
    {
        var counter = new DeliveryCounter<NotifiedEvent>();
        await using var service = await MessagingTestHost.StartAsync(
            infrastructure,
            bus => bus.AddConsumer<SideEffectConsumer<NotifiedEvent>>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("notified"), true)),
            options => options.OutboxPollInterval = TimeSpan.FromMinutes(10));
        service.Bus.ConnectConsumeObserver(counter);
        // Let the dispatcher find the outbox empty and settle into its ten-minute wait.
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var committed = Stopwatch.StartNew();
        await service.EnqueueAsync([new NotifiedEvent(1)], perTransaction: 1);
        await Eventually.HoldsAsync(() => Task.FromResult(counter.Deliveries >= 1), TimeSpan.FromSeconds(10), "the event is handled without a poll");

        TestContext.Current.TestOutputHelper?.WriteLine($"commit to handled: {committed.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task UnloadableRow_HoldsBackLaterRowsWithoutRepublishingEarlierOnes()
    {
        var counter = new DeliveryCounter<BlockedEvent>();
        await using var service = await MessagingTestHost.StartAsync(infrastructure, bus =>
            bus.AddConsumer<SideEffectConsumer<BlockedEvent>>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("blocked"), true)));
        service.Bus.ConnectConsumeObserver(counter);
        service.Bus.ConnectPublishObserver(counter);
        await service.Dispatcher.StopAsync(TestContext.Current.CancellationToken);

        await service.EnqueueAsync([new BlockedEvent(1)], perTransaction: 1);
        // What an older build finds when a newer one wrote an event type it does not have.
        await service.ExecuteAsync("INSERT INTO outbox (message_id, message_type, payload) VALUES (gen_random_uuid(), 'Gone.Event, Gone', '{}')");
        await service.EnqueueAsync([new BlockedEvent(3)], perTransaction: 1);
        await service.Dispatcher.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => Task.FromResult(counter.Deliveries >= 1), Patience, "the event before the unloadable row is handled");
        // Long enough for several retries with back-off (250 ms, 500 ms, 1 s).
        await Task.Delay(2000, TestContext.Current.CancellationToken);

        Assert.Single(counter.Published);
        Assert.Equal([1], await service.QueryAsync<int>("SELECT number FROM side_effects"));
        Assert.Equal(["Gone.Event, Gone", MessageTypeName<BlockedEvent>()], await service.QueryAsync<string>("SELECT message_type FROM outbox WHERE sent_at IS NULL ORDER BY sequence"));
    }

    private static string MessageTypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    public sealed record BlockedEvent(int Number) : INumberedEvent;

    public sealed record NotifiedEvent(int Number) : INumberedEvent;

    public sealed record TenThousandEvent(int Number) : INumberedEvent;

    public sealed record RolledBackEvent(int Number) : INumberedEvent;

    public sealed record OrderedEvent(int Number) : INumberedEvent;
}
