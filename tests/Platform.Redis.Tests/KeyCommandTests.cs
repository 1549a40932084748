using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class KeyCommandTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_RemovesKeys_AndCountsTheOnesThatExisted()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var (a, b, c) = (TestRedis.Key("a"), TestRedis.Key("b"), TestRedis.Key("c"));
        await redis.SetAsync(a, "1", cancellationToken: Cancellation);
        await redis.SetAsync(b, "2", cancellationToken: Cancellation);
        await redis.SetAsync(c, "3", cancellationToken: Cancellation);

        Assert.Equal(2, await redis.DeleteAsync([a, b, TestRedis.Key("missing")], Cancellation));
        Assert.True(await redis.DeleteAsync(c, Cancellation));
        Assert.False(await redis.DeleteAsync(c, Cancellation));
        Assert.Equal(0, await redis.ExistsAsync([a, b, c], Cancellation));
    }

    [Fact]
    public async Task Exists_ReportsAndCountsExistingKeys()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var (present, missing) = (TestRedis.Key("present"), TestRedis.Key("missing"));
        await redis.SetAsync(present, "1", cancellationToken: Cancellation);

        Assert.True(await redis.ExistsAsync(present, Cancellation));
        Assert.False(await redis.ExistsAsync(missing, Cancellation));
        Assert.Equal(2, await redis.ExistsAsync([present, missing, present], Cancellation));
    }

    [Fact]
    public async Task Expire_WithWholeSeconds_SetsTheTimeToLive()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("expire");
        await redis.SetAsync(key, "v", cancellationToken: Cancellation);

        Assert.True(await redis.ExpireAsync(key, TimeSpan.FromSeconds(30), Cancellation));

        Assert.InRange((await redis.TimeToLiveAsync(key, Cancellation))!.Value, TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Expire_WithMilliseconds_UsesPexpire_AndTheKeyGoes()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("pexpire");
        await redis.SetAsync(key, "v", cancellationToken: Cancellation);

        Assert.True(await redis.ExpireAsync(key, TimeSpan.FromMilliseconds(250), Cancellation));

        Assert.InRange((await redis.ExecuteAsync("PTTL", [key], Cancellation)).AsInt64(), 1, 250);
        await Task.Delay(450, Cancellation);
        Assert.False(await redis.ExistsAsync(key, Cancellation));
    }

    [Fact]
    public async Task Expire_OfAMissingKey_ReturnsFalse()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);

        Assert.False(await redis.ExpireAsync(TestRedis.Key("missing"), TimeSpan.FromSeconds(5), Cancellation));
    }

    [Fact]
    public async Task TimeToLive_IsNull_WithoutAnExpiryOrAKey()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("persistent");
        await redis.SetAsync(key, "v", cancellationToken: Cancellation);

        Assert.Null(await redis.TimeToLiveAsync(key, Cancellation));
        Assert.Null(await redis.TimeToLiveAsync(TestRedis.Key("missing"), Cancellation));
    }
}
