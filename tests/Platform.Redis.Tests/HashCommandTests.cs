using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class HashCommandTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HashSet_TellsNewFieldsFromUpdates_AndHashGetReadsThem()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("hash");

        Assert.True(await redis.HashSetAsync(key, "model", "gpt-4o", Cancellation));
        Assert.False(await redis.HashSetAsync(key, "model", "gpt-5", Cancellation));

        Assert.Equal("gpt-5", await redis.HashGetAsync(key, "model", Cancellation));
        Assert.Null(await redis.HashGetAsync(key, "missing", Cancellation));
        Assert.Null(await redis.HashGetAsync(TestRedis.Key("missing"), "model", Cancellation));
    }

    [Fact]
    public async Task HashGetAll_ReturnsEveryField()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("hash");
        await redis.HashSetAsync(key, "a", "1", Cancellation);
        await redis.HashSetAsync(key, "b", 2, Cancellation);
        await redis.HashSetAsync(key, "ü", "", Cancellation);

        var hash = await redis.HashGetAllAsync(key, Cancellation);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["ü"] = "" }, hash);
        Assert.Empty(await redis.HashGetAllAsync(TestRedis.Key("missing"), Cancellation));
    }

    [Fact]
    public async Task HashIncrement_AddsToTheField()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("hash");

        Assert.Equal(5, await redis.HashIncrementAsync(key, "tokens", 5, Cancellation));
        Assert.Equal(3, await redis.HashIncrementAsync(key, "tokens", -2, Cancellation));
        Assert.Equal(1, await redis.HashIncrementAsync(key, "requests", cancellationToken: Cancellation));
        Assert.Equal("3", await redis.HashGetAsync(key, "tokens", Cancellation));
    }
}
