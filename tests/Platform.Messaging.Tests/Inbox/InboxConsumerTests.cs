using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Messaging.Inbox;
using Platform.Messaging.Tests.Support;
using Platform.Testing;

namespace Platform.Messaging.Tests.Inbox;

public sealed class InboxConsumerTests(PlatformInfrastructure infrastructure)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SameMessageIdDeliveredTwice_HasOneSideEffect()
    {
        var counter = new DeliveryCounter<RepeatedEvent>();
        await using var service = await MessagingTestHost.StartAsync(infrastructure, bus =>
            bus.AddConsumer<SideEffectConsumer<RepeatedEvent>>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("repeated"), true)));
        service.Bus.ConnectConsumeObserver(counter);
        var messageId = Guid.NewGuid();

        // What RabbitMQ redelivery and an outbox republish both amount to: the same message id arriving again.
        await service.Bus.Publish(new RepeatedEvent(7), context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        await service.Bus.Publish(new RepeatedEvent(7), context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => Task.FromResult(counter.Deliveries >= 2), Patience, "both deliveries are handled");

        Assert.Equal(2, counter.Deliveries);
        Assert.Equal([(messageId, 7)], await service.QueryAsync<(Guid, int)>("SELECT message_id, number FROM side_effects"));
        Assert.Equal([(messageId, "SideEffectConsumer`1")], await service.QueryAsync<(Guid, string)>("SELECT message_id, consumer FROM inbox"));
    }

    [Fact]
    public async Task ConsumerThatFailsOnce_IsRetriedAndItsSideEffectHappensOnce()
    {
        var counter = new DeliveryCounter<FlakyEvent>();
        await using var service = await MessagingTestHost.StartAsync(
            infrastructure,
            bus => bus.AddConsumer<FlakyConsumer>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("flaky"), true)),
            configureServices: services => services.AddSingleton<AttemptCounter>());
        service.Bus.ConnectConsumeObserver(counter);

        await service.EnqueueAsync([new FlakyEvent(3)], perTransaction: 1);
        await Eventually.HoldsAsync(() => Task.FromResult(counter.Deliveries >= 1), Patience, "the event is handled");

        // The failed attempt's inbox row rolled back with its side effect, so the retry was not skipped.
        Assert.Equal(2, service.Host.Services.GetRequiredService<AttemptCounter>().Attempts);
        Assert.Equal([3], await service.QueryAsync<int>("SELECT number FROM side_effects"));
        Assert.Equal(1L, await service.ScalarAsync<long>("SELECT count(*) FROM inbox"));
    }

    public sealed record RepeatedEvent(int Number) : INumberedEvent;

    public sealed record FlakyEvent(int Number) : INumberedEvent;

    /// <summary>Writes its side effect, then fails the first time, after the write.</summary>
    public sealed class FlakyConsumer(NpgsqlDataSource dataSource, AttemptCounter attempts) : InboxConsumer<FlakyEvent>(dataSource)
    {
        protected override async Task ConsumeOnceAsync(ConsumeContext<FlakyEvent> context, NpgsqlTransaction transaction)
        {
            await transaction.Connection!.ExecuteAsync(
                "INSERT INTO side_effects (message_id, number) VALUES (@messageId, @number)",
                new { messageId = context.MessageId, number = context.Message.Number },
                transaction);
            if (attempts.Increment() == 1)
            {
                throw new InvalidOperationException("first attempt fails after writing");
            }
        }
    }
}
