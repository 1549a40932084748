using System.Diagnostics;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.Connections;

// The slow script blocks the shared server briefly (500 ms), well within every other test's timeouts.
public sealed class TimeoutTests(PlatformInfrastructure infrastructure)
{
    private const int SlowMilliseconds = 500;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATimedOutCall_FailsAtItsTimeout_AndLaterCallsStillGetTheirOwnReplies()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var keys = await StoreNumberedValuesAsync(redis);
        var started = Stopwatch.GetTimestamp();

        var slow = redis.WithTimeout(TimeSpan.FromMilliseconds(100)).EvaluateAsync(TestRedis.SlowScript, [], [SlowMilliseconds], Cancellation).AsTask();
        // Queued behind the slow script on the same connection: their replies come after its late one.
        var later = keys.Select(key => redis.GetAsync(key, Cancellation).AsTask()).ToArray();

        var error = await Assert.ThrowsAsync<RedisTimeoutException>(() => slow);
        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(90), TimeSpan.FromMilliseconds(SlowMilliseconds - 100));
        Assert.Contains("EVAL got no reply", error.Message);
        Assert.Equal(keys.Select(ValueOf), await Task.WhenAll(later));
        Assert.Equal("after", (await redis.ExecuteAsync("ECHO", ["after"], Cancellation)).AsString());
    }

    [Fact]
    public async Task ACancelledCall_FailsAtOnce_AndLaterCallsStillGetTheirOwnReplies()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var keys = await StoreNumberedValuesAsync(redis);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var started = Stopwatch.GetTimestamp();

        var slow = redis.EvaluateAsync(TestRedis.SlowScript, [], [SlowMilliseconds], cancellation.Token).AsTask();
        var later = keys.Select(key => redis.GetAsync(key, Cancellation).AsTask()).ToArray();
        cancellation.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(SlowMilliseconds - 100), "cancellation must not wait for the reply");
        Assert.Equal(keys.Select(ValueOf), await Task.WhenAll(later));
        Assert.Equal(7, await redis.IncrementAsync(TestRedis.Key("after"), 7, Cancellation));
    }

    [Fact]
    public async Task ManyTimedOutCalls_InARow_LeaveTheConnectionInStep()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var keys = await StoreNumberedValuesAsync(redis);
        var impatient = redis.WithTimeout(TimeSpan.FromMilliseconds(50));

        var slow = redis.EvaluateAsync(TestRedis.SlowScript, [], [SlowMilliseconds], Cancellation).AsTask();
        var timingOut = keys.Select(key => impatient.GetAsync(key, Cancellation).AsTask()).ToArray();
        // In the opposite order, so a reply handed to the wrong caller would show.
        var reversed = keys.Reverse().ToArray();
        var patient = reversed.Select(key => redis.GetAsync(key, Cancellation).AsTask()).ToArray();

        foreach (var call in timingOut)
        {
            await Assert.ThrowsAsync<RedisTimeoutException>(() => call);
        }
        Assert.Equal("slow", (await slow).AsString());
        Assert.Equal(reversed.Select(ValueOf), await Task.WhenAll(patient));
    }

    [Fact]
    public async Task AnAlreadyCancelledToken_FailsWithoutSendingTheCommand()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("never");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await redis.SetAsync(key, "v", cancellationToken: new CancellationToken(canceled: true)));

        Assert.False(await redis.ExistsAsync(key, Cancellation));
    }

    private static async Task<string[]> StoreNumberedValuesAsync(RedisClient redis)
    {
        var prefix = TestRedis.Key("n");
        var keys = Enumerable.Range(0, 50).Select(i => $"{prefix}:{i}").ToArray();
        foreach (var key in keys)
        {
            await redis.SetAsync(key, ValueOf(key), cancellationToken: Cancellation);
        }
        return keys;
    }

    private static string ValueOf(string key) => $"value of {key}";
}
