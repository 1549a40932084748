using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class ScriptingTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Evaluate_RunsTheTextWithKeysAndArguments()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("eval");

        var reply = await redis.EvaluateAsync(
            "redis.call('SET', KEYS[1], ARGV[1]); return {KEYS[1], redis.call('GET', KEYS[1]), tonumber(ARGV[2]) + 1, false}",
            [key], ["stored", 41], Cancellation);

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Equal(key, reply.Elements[0].AsString());
        Assert.Equal("stored", reply.Elements[1].AsString());
        Assert.Equal(42, reply.Elements[2].AsInt64());
        Assert.True(reply.Elements[3].IsNull);
        Assert.Equal("stored", await redis.GetAsync(key, Cancellation));
    }

    [Fact]
    public async Task EvaluateSha_RunsACachedScript_AndReportsNoscriptForAnUnknownOne()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var text = $"cached {Guid.NewGuid():N}";
        var script = new RedisScript($"return '{text}'");
        var loaded = await redis.ExecuteAsync("SCRIPT", ["LOAD", script.Text], Cancellation);
        Assert.Equal(script.Sha1, loaded.AsString());

        Assert.Equal(text, (await redis.EvaluateShaAsync(script.Sha1, cancellationToken: Cancellation)).AsString());

        var unknown = new RedisScript($"return '{Guid.NewGuid():N}'");
        var error = await Assert.ThrowsAsync<RedisServerException>(async () => await redis.EvaluateShaAsync(unknown.Sha1, cancellationToken: Cancellation));
        Assert.Equal("NOSCRIPT", error.ErrorCode);
    }

    [Fact]
    public async Task EvaluateScript_AfterScriptFlush_FallsBackToEval_AndCachesTheScriptAgain()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var script = new RedisScript($"-- {Guid.NewGuid():N}\nreturn tonumber(ARGV[1]) * 2");

        Assert.Equal(42, (await redis.EvaluateAsync(script, [], [21], Cancellation)).AsInt64());
        Assert.Equal(1, await ScriptExistsAsync(redis, script));

        // Every client of the shared server recovers the same way (the rate limiter included).
        await redis.ExecuteAsync("SCRIPT", ["FLUSH"], Cancellation);
        Assert.Equal(0, await ScriptExistsAsync(redis, script));

        Assert.Equal(10, (await redis.EvaluateAsync(script, [], [5], Cancellation)).AsInt64());
        Assert.Equal(1, await ScriptExistsAsync(redis, script));
    }

    [Fact]
    public async Task AFailingScript_RaisesAServerError_AndTheConnectionStaysInStep()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var key = TestRedis.Key("hash");
        await redis.HashSetAsync(key, "f", "v", Cancellation);

        var failing = redis.EvaluateAsync(new RedisScript("return redis.call('INCR', KEYS[1])"), [key], [], Cancellation).AsTask();
        var following = redis.HashGetAsync(key, "f", Cancellation).AsTask();

        var error = await Assert.ThrowsAsync<RedisServerException>(() => failing);
        Assert.Contains("WRONGTYPE", error.Message);
        Assert.Equal("v", await following);
    }

    private static async Task<long> ScriptExistsAsync(RedisClient redis, RedisScript script) =>
        (await redis.ExecuteAsync("SCRIPT", ["EXISTS", script.Sha1], Cancellation)).Elements[0].AsInt64();
}
