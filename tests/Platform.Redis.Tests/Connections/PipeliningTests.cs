using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.Connections;

public sealed class PipeliningTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TenThousandConcurrentIncrements_AddUpExactly_AndEachCallGetsItsOwnReply()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("counter");

        var replies = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => redis.IncrementAsync(key, cancellationToken: Cancellation).AsTask()));

        Assert.Equal("10000", await redis.GetAsync(key, Cancellation));
        // Every intermediate value seen once: no reply was lost, duplicated or handed to the wrong caller.
        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), replies.Order());
    }

    [Fact]
    public async Task ConcurrentCallersOfDifferentCommands_GetTheirOwnReplies()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var prefix = TestRedis.Key("value");
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => redis.SetAsync($"{prefix}:{i}", $"value {i}", cancellationToken: Cancellation).AsTask()));

        var calls = Enumerable.Range(0, 2_000).Select(async i => (i % 4) switch
        {
            0 => await redis.GetAsync($"{prefix}:{i % 500}", Cancellation) == $"value {i % 500}",
            1 => (await redis.ExecuteAsync("ECHO", [$"echo {i}"], Cancellation)).AsString() == $"echo {i}",
            2 => await redis.ExistsAsync($"{prefix}:{i % 500}", Cancellation),
            _ => await redis.HashGetAsync($"{prefix}:missing", "f", Cancellation) is null,
        });

        Assert.All(await Task.WhenAll(calls), Assert.True);
    }
}
