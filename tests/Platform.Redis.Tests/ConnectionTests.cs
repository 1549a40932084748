using System.Diagnostics;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class ConnectionTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_ReturnsTheRoundTrip()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);

        var roundTrip = await redis.PingAsync(Cancellation);

        Assert.InRange(roundTrip, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5));
        Assert.True(redis.IsConnected);
    }

    [Fact]
    public async Task AWrongPassword_FailsWithAClearAuthenticationError()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString, options => options.Password = "not-the-password");

        var error = await Assert.ThrowsAsync<RedisAuthenticationException>(async () => await redis.PingAsync(Cancellation));

        Assert.Contains($"Redis at {redis.Options.EndPoint} refused the password", error.Message);
        Assert.Contains("WRONGPASS", error.Message);
        Assert.DoesNotContain("not-the-password", error.Message);
        // Every call says the same, at once, until the configuration is fixed.
        await Assert.ThrowsAsync<RedisAuthenticationException>(async () => await redis.GetAsync("any", Cancellation));
    }

    [Fact]
    public async Task AMissingPassword_FailsWithAClearAuthenticationError()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString, options => options.Password = null);

        var error = await Assert.ThrowsAsync<RedisAuthenticationException>(async () => await redis.PingAsync(Cancellation));

        Assert.Contains("requires a password", error.Message);
        Assert.Contains("NOAUTH", error.Message);
    }

    [Fact]
    public async Task DefaultDatabase_IsSelectedOnConnect()
    {
        await using var database3 = TestRedis.Connect(infrastructure.RedisConnectionString, options => options.Database = 3);
        await using var database0 = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("db");

        await database3.SetAsync(key, "in 3", TimeSpan.FromMinutes(1), cancellationToken: Cancellation);

        Assert.Equal("in 3", await database3.GetAsync(key, Cancellation));
        Assert.Null(await database0.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task ClientName_IsSetOnConnect()
    {
        var name = $"tests-{Guid.NewGuid():N}";
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString, options => options.ClientName = name);

        Assert.Equal(name, (await redis.ExecuteAsync("CLIENT", ["GETNAME"], Cancellation)).AsString());
    }

    [Fact]
    public async Task Execute_RunsOtherCommands_ButRefusesOnesThatWouldChangeTheSharedConnection()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);

        Assert.Equal("echo ✓", (await redis.ExecuteAsync("ECHO", ["echo ✓"], Cancellation)).AsString());
        var error = Assert.Throws<NotSupportedException>(() => redis.ExecuteAsync("select", [1], Cancellation));
        Assert.Contains("defaultDatabase", error.Message);
        Assert.Throws<NotSupportedException>(() => redis.ExecuteAsync("SUBSCRIBE", ["channel"], Cancellation));
    }

    [Fact]
    public async Task AnUnreachableServer_FailsCallsQuicklyWithAConnectionError()
    {
        await using var redis = TestRedis.Connect($"127.0.0.1:{TestRedis.UnusedPort()},password=x");
        var started = Stopwatch.GetTimestamp();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(async () => await redis.PingAsync(Cancellation));

        Assert.Contains("127.0.0.1:", error.Message);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2), "a refused connection must not wait for the command timeout");
        Assert.False(redis.IsConnected);
    }

    [Fact]
    public async Task Dispose_FailsLaterCalls()
    {
        var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        await redis.PingAsync(Cancellation);

        await redis.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await redis.PingAsync(Cancellation));
    }
}
