using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class StringCommandTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ReturnsWhatSetStored_AndNullForAMissingKey()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("get");

        Assert.Null(await redis.GetAsync(key, Cancellation));
        Assert.True(await redis.SetAsync(key, "héllo, wörld ✓", cancellationToken: Cancellation));
        Assert.Equal("héllo, wörld ✓", await redis.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task Set_StoresIntegersAndBinaryValues()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var number = TestRedis.Key("number");
        var binary = TestRedis.Key("binary");
        byte[] bytes = [0, 255, 13, 10, 42];

        await redis.SetAsync(number, -42, cancellationToken: Cancellation);
        await redis.SetAsync(binary, bytes, cancellationToken: Cancellation);

        Assert.Equal("-42", await redis.GetAsync(number, Cancellation));
        Assert.Equal(bytes, (await redis.ExecuteAsync("GET", [binary], Cancellation)).AsBytes());
    }

    [Fact]
    public async Task Set_WithWholeSecondExpiry_SendsEx()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("ex");

        await redis.SetAsync(key, "v", TimeSpan.FromSeconds(100), cancellationToken: Cancellation);

        var ttl = await redis.TimeToLiveAsync(key, Cancellation);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(98), TimeSpan.FromSeconds(100));
    }

    [Fact]
    public async Task Set_WithMillisecondExpiry_SendsPx_AndTheKeyExpires()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("px");

        await redis.SetAsync(key, "v", TimeSpan.FromMilliseconds(300), cancellationToken: Cancellation);

        Assert.InRange((await redis.ExecuteAsync("PTTL", [key], Cancellation)).AsInt64(), 1, 300);
        await Task.Delay(500, Cancellation);
        Assert.Null(await redis.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task Set_IfNotExists_KeepsTheFirstValue()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("nx");

        Assert.True(await redis.SetAsync(key, "first", condition: SetCondition.IfNotExists, cancellationToken: Cancellation));
        Assert.False(await redis.SetAsync(key, "second", TimeSpan.FromSeconds(10), SetCondition.IfNotExists, Cancellation));
        Assert.Equal("first", await redis.GetAsync(key, Cancellation));
        Assert.Null(await redis.TimeToLiveAsync(key, Cancellation));
    }

    [Fact]
    public async Task Set_IfExists_OnlyReplacesAnExistingValue()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("xx");

        Assert.False(await redis.SetAsync(key, "ghost", condition: SetCondition.IfExists, cancellationToken: Cancellation));
        Assert.Null(await redis.GetAsync(key, Cancellation));
        await redis.SetAsync(key, "old", cancellationToken: Cancellation);
        Assert.True(await redis.SetAsync(key, "new", condition: SetCondition.IfExists, cancellationToken: Cancellation));
        Assert.Equal("new", await redis.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task IncrementAndDecrement_AddAndSubtractTheAmount()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("counter");

        Assert.Equal(1, await redis.IncrementAsync(key, cancellationToken: Cancellation));
        Assert.Equal(11, await redis.IncrementAsync(key, 10, Cancellation));
        Assert.Equal(8, await redis.DecrementAsync(key, 3, Cancellation));
        Assert.Equal(7, await redis.DecrementAsync(key, cancellationToken: Cancellation));
        Assert.Equal("7", await redis.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task GetMany_ReturnsValuesInKeyOrder_WithNullForMissingKeys()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var (a, missing, b) = (TestRedis.Key("a"), TestRedis.Key("missing"), TestRedis.Key("b"));
        await redis.SetAsync(a, "1", cancellationToken: Cancellation);
        await redis.SetAsync(b, "2", cancellationToken: Cancellation);

        var values = await redis.GetManyAsync([b, missing, a], Cancellation);

        Assert.Equal(new string?[] { "2", null, "1" }, values);
    }

    [Fact]
    public async Task AnErrorReply_FailsOnlyItsOwnCall()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var text = TestRedis.Key("text");
        await redis.SetAsync(text, "not a number", cancellationToken: Cancellation);

        var failing = redis.IncrementAsync(text, cancellationToken: Cancellation).AsTask();
        var following = redis.GetAsync(text, Cancellation).AsTask();

        var error = await Assert.ThrowsAsync<RedisServerException>(() => failing);
        Assert.Equal("ERR", error.ErrorCode);
        Assert.Equal("INCRBY", error.Command);
        Assert.Equal("not a number", await following);
    }
}
