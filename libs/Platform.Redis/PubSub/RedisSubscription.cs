using System.Threading.Channels;

namespace Platform.Redis.PubSub;

/// <summary>
/// A subscription to one channel, from <see cref="RedisClient.SubscribeAsync"/>. Messages are buffered in
/// <see cref="Messages"/> (the oldest are dropped when a slow reader lets the buffer fill up); dispose to
/// unsubscribe, which also completes <see cref="Messages"/>.
/// </summary>
public sealed class RedisSubscription : IAsyncDisposable
{
    private readonly Channel<RedisMessage> _messages;
    private readonly Subscriber _owner;

    internal RedisSubscription(string channel, Subscriber owner, int capacity)
    {
        Channel = channel;
        _owner = owner;
        _messages = System.Threading.Channels.Channel.CreateBounded<RedisMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
    }

    /// <summary>The channel subscribed to.</summary>
    public string Channel { get; }

    /// <summary>The messages received, in the order they were published.</summary>
    public ChannelReader<RedisMessage> Messages => _messages.Reader;

    /// <summary>UNSUBSCRIBE (when no other subscription of this client wants the channel). Safe to call twice.</summary>
    public Task UnsubscribeAsync(CancellationToken cancellationToken = default) => _owner.UnsubscribeAsync(this, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await UnsubscribeAsync();

    internal void Deliver(RedisMessage message) => _messages.Writer.TryWrite(message);

    internal void Complete() => _messages.Writer.TryComplete();
}
