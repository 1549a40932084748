using Platform.Redis.Protocol;
using Platform.Redis.PubSub;

namespace Platform.Redis;

public sealed partial class RedisClient
{
    /// <summary>PUBLISH: how many subscribers (across all clients) received the message.</summary>
    public ValueTask<long> PublishAsync(string channel, RedisArgument message, CancellationToken cancellationToken = default) =>
        Execute(["PUBLISH", channel, message], ReplyParsers.Integer, cancellationToken);

    /// <summary>
    /// SUBSCRIBE on the client's dedicated subscription connection (opened by the first call); completes once the
    /// server has confirmed, so a message published afterwards is received. Survives reconnects. Dispose the
    /// subscription to unsubscribe.
    /// </summary>
    public Task<RedisSubscription> SubscribeAsync(string channel, CancellationToken cancellationToken = default) =>
        _subscriber.SubscribeAsync(channel, Timeout, cancellationToken);
}
