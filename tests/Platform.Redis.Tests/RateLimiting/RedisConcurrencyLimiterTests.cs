using Platform.Redis.RateLimiting;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.RateLimiting;

public sealed class RedisConcurrencyLimiterTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SixtyFourConcurrentCallers_GetExactlyTheLimit_AndAReleasedSlotIsTakenAgain()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisConcurrencyLimiter(redis);
        var key = TestRedis.Key("slots");
        var holders = Enumerable.Range(0, 64).Select(i => $"call-{i}").ToArray();

        var acquired = await Task.WhenAll(holders.Select(holder =>
            Task.Run(async () => await limiter.TryAcquireAsync(key, 8, holder, TimeSpan.FromMinutes(1), Cancellation), Cancellation)));
        var winner = holders[Array.IndexOf(acquired, true)];
        var whileFull = await limiter.TryAcquireAsync(key, 8, "late", TimeSpan.FromMinutes(1), Cancellation);
        await limiter.ReleaseAsync(key, winner, Cancellation);
        await limiter.ReleaseAsync(key, winner, Cancellation);
        var afterRelease = await limiter.TryAcquireAsync(key, 8, "late", TimeSpan.FromMinutes(1), Cancellation);
        var stillFull = await limiter.TryAcquireAsync(key, 8, "later", TimeSpan.FromMinutes(1), Cancellation);

        Assert.Equal(8, acquired.Count(a => a));
        Assert.Equal((false, true, false), (whileFull, afterRelease, stillFull));
    }

    [Fact]
    public async Task ASlotThatIsNeverReleased_IsFreedWhenItsLeaseRunsOut()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisConcurrencyLimiter(redis);
        var key = TestRedis.Key("slots");

        var first = await limiter.TryAcquireAsync(key, 1, "crashed", TimeSpan.FromMilliseconds(300), Cancellation);
        var blocked = await limiter.TryAcquireAsync(key, 1, "next", TimeSpan.FromMilliseconds(300), Cancellation);
        await Task.Delay(400, Cancellation);
        var afterLease = await limiter.TryAcquireAsync(key, 1, "next", TimeSpan.FromMilliseconds(300), Cancellation);

        Assert.Equal((true, false, true), (first, blocked, afterLease));
    }
}
