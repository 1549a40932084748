using Platform.Redis.RateLimiting;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.RateLimiting;

public sealed class RedisRateLimiterTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SixtyFourConcurrentCallers_AreAdmittedExactlyUpToTheLimit()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisRateLimiter(redis);
        var key = TestRedis.Key("limit");

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            Task.Run(async () => await limiter.AcquireAsync(key, 10, TimeSpan.FromMinutes(1), Cancellation), Cancellation)));

        var allowed = results.Where(r => r.Allowed).ToList();
        var refused = results.Where(r => !r.Allowed).ToList();
        Assert.Equal(10, allowed.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), allowed.Select(r => r.Remaining).Order());
        Assert.All(allowed, r => Assert.Equal(TimeSpan.Zero, r.RetryAfter));
        // 10 per minute is one every 6 s: the next request fits in just under 6 s from the burst.
        Assert.All(refused, r =>
        {
            Assert.Equal(0, r.Remaining);
            Assert.InRange(r.RetryAfter, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        });
    }

    [Fact]
    public async Task ARefusedCaller_IsAdmittedAfterItsRetryAfter()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisRateLimiter(redis);
        var key = TestRedis.Key("limit");
        var window = TimeSpan.FromMilliseconds(600);

        Assert.True((await limiter.AcquireAsync(key, 2, window, Cancellation)).Allowed);
        Assert.True((await limiter.AcquireAsync(key, 2, window, Cancellation)).Allowed);
        var refused = await limiter.AcquireAsync(key, 2, window, Cancellation);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        await Task.Delay(refused.RetryAfter + TimeSpan.FromMilliseconds(20), Cancellation);
        Assert.True((await limiter.AcquireAsync(key, 2, window, Cancellation)).Allowed);
    }

    [Fact]
    public async Task Keys_AreLimitedIndependently_AndTheirStateExpires()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisRateLimiter(redis);
        var (first, second) = (TestRedis.Key("first"), TestRedis.Key("second"));

        Assert.True((await limiter.AcquireAsync(first, 1, TimeSpan.FromSeconds(10), Cancellation)).Allowed);
        Assert.False((await limiter.AcquireAsync(first, 1, TimeSpan.FromSeconds(10), Cancellation)).Allowed);
        Assert.True((await limiter.AcquireAsync(second, 1, TimeSpan.FromSeconds(10), Cancellation)).Allowed);

        // The state lives no longer than it matters.
        Assert.InRange((await redis.ExecuteAsync("PTTL", [first], Cancellation)).AsInt64(), 1, 10_000);
    }

    [Fact]
    public async Task InvalidLimits_AreRejectedBeforeCallingRedis()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisRateLimiter(redis);

        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AcquireAsync("k", 0, TimeSpan.FromSeconds(1), Cancellation));
        Assert.Throws<ArgumentOutOfRangeException>(() => limiter.AcquireAsync("k", 1, TimeSpan.Zero, Cancellation));
    }

    [Fact]
    public async Task CostlyRequests_SpendTheLimitInUnits_AllOrNothing()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var limiter = new RedisRateLimiter(redis);
        var key = TestRedis.Key("tokens");

        var sixty = await limiter.AcquireAsync(key, 100, TimeSpan.FromMinutes(1), cost: 60, Cancellation);
        var fifty = await limiter.AcquireAsync(key, 100, TimeSpan.FromMinutes(1), cost: 50, Cancellation);
        var forty = await limiter.AcquireAsync(key, 100, TimeSpan.FromMinutes(1), cost: 40, Cancellation);
        var one = await limiter.AcquireAsync(key, 100, TimeSpan.FromMinutes(1), cost: 1, Cancellation);

        Assert.Equal((true, 40L), (sixty.Allowed, sixty.Remaining));
        // 10 units short at 0.6 s per unit: the refusal says when they will be there; nothing was spent.
        Assert.False(fifty.Allowed);
        Assert.InRange(fifty.RetryAfter, TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(6));
        Assert.Equal((true, 0L), (forty.Allowed, forty.Remaining));
        Assert.False(one.Allowed);
    }
}
