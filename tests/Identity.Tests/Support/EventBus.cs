using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts.Events.Identity;
using Platform.Testing;

namespace Platform.Identity.Tests.Support;

/// <summary>
/// A bus of the test's own on the real broker: it receives what Identity publishes (on a temporary queue bound to the
/// identity events) and publishes what other services would (MembershipChanged).
/// </summary>
public sealed class EventBus : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<object> _received;

    private EventBus(IBusControl bus, ConcurrentQueue<object> received)
    {
        _bus = bus;
        _received = received;
    }

    public static async Task<EventBus> StartAsync(string rabbitMqConnectionString)
    {
        var received = new ConcurrentQueue<object>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(rabbitMqConnectionString));
            rabbit.ReceiveEndpoint($"identity-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<ApiKeyChanged>(context => Record(received, context.Message));
                endpoint.Handler<ApiKeyRevoked>(context => Record(received, context.Message));
                endpoint.Handler<UserDisabled>(context => Record(received, context.Message));
                endpoint.Handler<ManagementTokenRotated>(context => Record(received, context.Message));
            });
        });
        await bus.StartAsync(TestContext.Current.CancellationToken);
        return new EventBus(bus, received);
    }

    /// <summary>Publishes with a chosen message id, as the outbox would (a repeat carries the same id).</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        _bus.Publish(message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

    /// <summary>The first received <typeparamref name="T"/> that matches, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout, string what)
    {
        T? found = default;
        await Eventually.HoldsAsync(() =>
        {
            found = _received.OfType<T>().FirstOrDefault(match);
            return Task.FromResult(found is not null);
        }, timeout, what);
        return found!;
    }

    public IReadOnlyList<T> Received<T>() => _received.OfType<T>().ToList();

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    private static Task Record(ConcurrentQueue<object> received, object message)
    {
        received.Enqueue(message);
        return Task.CompletedTask;
    }
}
