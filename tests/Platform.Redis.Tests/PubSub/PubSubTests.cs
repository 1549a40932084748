using Platform.Redis.PubSub;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.PubSub;

public sealed class PubSubTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribe_ReceivesPublishedMessagesInOrder()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var channel = TestRedis.Key("channel");
        await using var subscription = await redis.SubscribeAsync(channel, Cancellation);

        foreach (var message in new[] { "one", "twö", "three" })
        {
            Assert.Equal(1, await redis.PublishAsync(channel, message, Cancellation));
        }

        Assert.Equal(["one", "twö", "three"], await ReadAsync(subscription, 3));
        Assert.Equal(channel, subscription.Channel);
    }

    [Fact]
    public async Task Unsubscribe_StopsDelivery_AndCompletesTheMessages()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var channel = TestRedis.Key("channel");
        var subscription = await redis.SubscribeAsync(channel, Cancellation);
        await redis.PublishAsync(channel, "before", Cancellation);
        Assert.Equal(["before"], await ReadAsync(subscription, 1));

        await subscription.DisposeAsync();

        Assert.Equal(0, await redis.PublishAsync(channel, "after", Cancellation));
        Assert.True(subscription.Messages.Completion.IsCompleted);
        Assert.False(subscription.Messages.TryRead(out _));
    }

    [Fact]
    public async Task TwoSubscriptionsToAChannel_BothReceive_UntilTheLastOneLeaves()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var channel = TestRedis.Key("channel");
        var first = await redis.SubscribeAsync(channel, Cancellation);
        await using var second = await redis.SubscribeAsync(channel, Cancellation);

        Assert.Equal(1, await redis.PublishAsync(channel, "both", Cancellation));
        Assert.Equal(["both"], await ReadAsync(first, 1));
        Assert.Equal(["both"], await ReadAsync(second, 1));

        await first.DisposeAsync();
        Assert.Equal(1, await redis.PublishAsync(channel, "second only", Cancellation));
        Assert.Equal(["second only"], await ReadAsync(second, 1));

        await second.DisposeAsync();
        Assert.Equal(0, await redis.PublishAsync(channel, "nobody", Cancellation));
    }

    [Fact]
    public async Task Subscriptions_OnlyReceiveTheirOwnChannel()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var (a, b) = (TestRedis.Key("a"), TestRedis.Key("b"));
        await using var onA = await redis.SubscribeAsync(a, Cancellation);
        await using var onB = await redis.SubscribeAsync(b, Cancellation);

        await redis.PublishAsync(a, "for a", Cancellation);
        await redis.PublishAsync(b, "for b", Cancellation);

        Assert.Equal(["for a"], await ReadAsync(onA, 1));
        Assert.Equal(["for b"], await ReadAsync(onB, 1));
        Assert.False(onA.Messages.TryRead(out _));
    }

    private static async Task<string[]> ReadAsync(RedisSubscription subscription, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var messages = new string[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = (await subscription.Messages.ReadAsync(timeout.Token)).Message;
        }
        return messages;
    }
}
