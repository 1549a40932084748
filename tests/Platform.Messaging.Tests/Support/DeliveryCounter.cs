using System.Collections.Concurrent;
using MassTransit;

namespace Platform.Messaging.Tests.Support;

/// <summary>Counts handled deliveries of <typeparamref name="TMessage"/> (repeats included) and records what was published.</summary>
public sealed class DeliveryCounter<TMessage> : IConsumeObserver, IPublishObserver
    where TMessage : class
{
    private int _deliveries;

    public int Deliveries => Volatile.Read(ref _deliveries);

    public ConcurrentQueue<Guid> Published { get; } = new();

    /// <summary>
    /// Runs after each publish of <typeparamref name="TMessage"/>, inside the publisher's call, with the number published
    /// so far and the publisher's cancellation token.
    /// </summary>
    public Func<int, CancellationToken, Task>? AfterPublish { get; set; }

    /// <summary>Counted once the consumer returned (and so its transaction committed or was skipped).</summary>
    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is TMessage)
        {
            Interlocked.Increment(ref _deliveries);
        }

        return Task.CompletedTask;
    }

    public async Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (context.Message is TMessage)
        {
            Published.Enqueue(context.MessageId!.Value);
            if (AfterPublish is { } after)
            {
                await after(Published.Count, context.CancellationToken);
            }
        }
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
