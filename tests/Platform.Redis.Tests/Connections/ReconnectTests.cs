using System.Diagnostics;
using Platform.Hosting;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.Connections;

/// <summary>Kills a redis-server of the test's own (the shared one stays untouched); the hosting engine restarts it on the same port.</summary>
public sealed class ReconnectTests : IAsyncLifetime
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication _app = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = TestTopology.Build(new HostingOptions
        {
            StateDirectory = _stateDirectory,
            Interactive = false,
            Only = new HashSet<string> { TestTopology.Redis },
        });
        await _app.StartAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        Directory.Delete(_stateDirectory, recursive: true);
    }

    [Fact]
    public async Task AServerRestart_FailsCallsInFlightAtOnce_AndLaterCallsSucceed()
    {
        await using var redis = TestRedis.Connect(_app.GetConnectionString(TestTopology.Redis));
        var counter = TestRedis.Key("counter");
        Assert.Equal(1, await redis.IncrementAsync(counter, cancellationToken: Cancellation));
        await using var subscription = await redis.SubscribeAsync("restart", Cancellation);

        // In flight when the server dies: a slow script with a long timeout, and the calls queued behind it.
        var slow = redis.WithTimeout(TimeSpan.FromSeconds(30)).EvaluateAsync(TestRedis.SlowScript, [], [5000], Cancellation).AsTask();
        var queued = Enumerable.Range(0, 100).Select(_ => redis.IncrementAsync(counter, cancellationToken: Cancellation).AsTask()).ToArray();
        await Task.Delay(200, Cancellation);
        var killed = Stopwatch.GetTimestamp();
        KillRedis();

        var lost = await Assert.ThrowsAsync<RedisConnectionException>(() => slow);
        Assert.True(Stopwatch.GetElapsedTime(killed) < TimeSpan.FromSeconds(1), "calls in flight must fail when the connection drops, not at their timeout");
        Assert.Contains("Lost the connection to Redis", lost.Message);
        Assert.Contains("may or may not have run", lost.Message);
        foreach (var call in queued)
        {
            await Assert.ThrowsAsync<RedisConnectionException>(() => call);
        }
        // While the server is down, calls fail at once rather than piling up.
        var down = Stopwatch.GetTimestamp();
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await redis.PingAsync(Cancellation));
        Assert.True(Stopwatch.GetElapsedTime(down) < TimeSpan.FromSeconds(1));

        await WaitUntilAsync(async () => await redis.PingAsync(Cancellation) > TimeSpan.Zero);
        // The restarted server starts empty (no persistence), so the counter starts over.
        Assert.Equal(1, await redis.IncrementAsync(counter, cancellationToken: Cancellation));
        Assert.True(redis.IsConnected);
        Assert.True(_app.Snapshot().Single(r => r.Name == TestTopology.Redis).Restarts >= 1);

        // The subscription connection came back too, and subscribed again.
        await WaitUntilAsync(async () => await redis.PublishAsync("restart", "back", Cancellation) == 1);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        read.CancelAfter(TimeSpan.FromSeconds(5));
        Assert.Equal("back", (await subscription.Messages.ReadAsync(read.Token)).Message);
    }

    private void KillRedis()
    {
        var pid = _app.Snapshot().Single(r => r.Name == TestTopology.Redis).Instances[0].Processes[0].Pid;
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 20);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (RedisConnectionException) when (Stopwatch.GetTimestamp() < deadline)
            {
            }
            Assert.True(Stopwatch.GetTimestamp() < deadline, "Redis did not come back within 20 s");
            await Task.Delay(100, Cancellation);
        }
    }
}
