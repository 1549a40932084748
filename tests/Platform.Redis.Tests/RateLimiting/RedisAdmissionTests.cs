using Platform.Redis.RateLimiting;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.RateLimiting;

public sealed class RedisAdmissionTests(PlatformInfrastructure infrastructure)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SixtyFourConcurrentCalls_AreAdmittedExactlyUpToTheTightestRate_AndOnlyTheAdmittedAreCounted()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var (loose, tight, slot) = (TestRedis.Key("loose"), TestRedis.Key("tight"), TestRedis.Key("slot"));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            await admission.TryAdmitAsync([new(loose, 30, Minute), new(tight, 10, Minute)], new ConcurrencySlot(slot, 64, $"call-{i}", Lease), Cancellation),
            Cancellation)));

        Assert.Equal(10, results.Count(r => r.Admitted));
        Assert.All(results.Where(r => !r.Admitted), r => Assert.Equal(1, r.RefusedIndex));
        Assert.Equal(Enumerable.Range(20, 10).Select(i => (long)i), results.Where(r => r.Admitted).Select(r => r.Remaining).Order());
        Assert.Equal(10, (await redis.ExecuteAsync("ZCARD", [slot], Cancellation)).AsInt64());
        // The 54 refused calls spent nothing of the loose rate either: 30 - 10 admitted - this one.
        Assert.Equal(19, (await admission.TryAdmitAsync([new(loose, 30, Minute)], null, Cancellation)).Remaining);
    }

    [Fact]
    public async Task SixtyFourConcurrentCalls_TakeExactlyTheSlots_AndRefusedCallsSpendNoRate()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var (rate, slot) = (TestRedis.Key("rate"), TestRedis.Key("slot"));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            await admission.TryAdmitAsync([new(rate, 100, Minute)], new ConcurrencySlot(slot, 8, $"call-{i}", Lease), Cancellation), Cancellation)));

        Assert.Equal(8, results.Count(r => r.Admitted));
        Assert.All(results.Where(r => !r.Admitted), r => Assert.Equal((1, TimeSpan.Zero), (r.RefusedIndex, r.RetryAfter)));
        Assert.Equal(100 - 8 - 1, (await admission.TryAdmitAsync([new(rate, 100, Minute)], null, Cancellation)).Remaining);
    }

    [Fact]
    public async Task ARefusalByALaterRate_LeavesTheEarlierRatesAndTheSlotAsTheyWere()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var (first, second, third, slot) = (TestRedis.Key("first"), TestRedis.Key("second"), TestRedis.Key("third"), TestRedis.Key("slot"));
        RateLimitCheck[] rates = [new(first, 5, Minute), new(second, 5, Minute), new(third, 1, Minute)];

        var admitted = await admission.TryAdmitAsync(rates, new ConcurrencySlot(slot, 8, "admitted", Lease), Cancellation);
        var before = await SnapshotAsync(redis, [first, second, third], slot);
        var refused = await admission.TryAdmitAsync(rates, new ConcurrencySlot(slot, 8, "refused", Lease), Cancellation);

        Assert.Equal((true, 4L), (admitted.Admitted, admitted.Remaining));
        Assert.Equal((2, 0L), (refused.RefusedIndex, refused.Remaining));
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(59), Minute);
        Assert.Equal(before, await SnapshotAsync(redis, [first, second, third], slot));
    }

    [Fact]
    public async Task ASlotRefusal_LeavesEveryRateAsItWas_AndHasNoRetryAfter()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var (requests, tokens, slot) = (TestRedis.Key("requests"), TestRedis.Key("tokens"), TestRedis.Key("slot"));
        RateLimitCheck[] rates = [new(requests, 10, Minute), new(tokens, 1_000, Minute, Cost: 100)];

        var admitted = await admission.TryAdmitAsync(rates, new ConcurrencySlot(slot, 1, "admitted", Lease), Cancellation);
        var before = await SnapshotAsync(redis, [requests, tokens], slot);
        var refused = await admission.TryAdmitAsync(rates, new ConcurrencySlot(slot, 1, "refused", Lease), Cancellation);

        Assert.True(admitted.Admitted);
        Assert.Equal(new AdmissionResult(2, 0, TimeSpan.Zero), refused);
        Assert.Equal(before, await SnapshotAsync(redis, [requests, tokens], slot));
    }

    [Fact]
    public async Task ItSharesItsKeys_WithTheRateLimiterAndTheConcurrencyLimiter()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var (admission, limiter, slots) = (new RedisAdmission(redis), new RedisRateLimiter(redis), new RedisConcurrencyLimiter(redis));
        var (rate, slot) = (TestRedis.Key("rate"), TestRedis.Key("slot"));

        await limiter.AcquireAsync(rate, 3, Minute, Cancellation);
        await limiter.AcquireAsync(rate, 3, Minute, Cancellation);
        var third = await admission.TryAdmitAsync([new(rate, 3, Minute)], new ConcurrencySlot(slot, 1, "admission", Lease), Cancellation);
        var fourth = await limiter.AcquireAsync(rate, 3, Minute, Cancellation);
        var slotTaken = await slots.TryAcquireAsync(slot, 1, "limiter", Lease, Cancellation);
        await slots.ReleaseAsync(slot, "admission", Cancellation);
        var afterRelease = await admission.TryAdmitAsync([], new ConcurrencySlot(slot, 1, "again", Lease), Cancellation);

        Assert.Equal((true, 0L), (third.Admitted, third.Remaining));
        Assert.False(fourth.Allowed);
        Assert.False(slotTaken);
        Assert.True(afterRelease.Admitted);
    }

    [Fact]
    public async Task TokenCosts_AreSpentAllOrNothing_AndARefusedCostSpendsNoRequest()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var (tokens, requests) = (TestRedis.Key("tokens"), TestRedis.Key("requests"));
        ValueTask<AdmissionResult> Admit(long cost) =>
            admission.TryAdmitAsync([new(tokens, 100, Minute, cost), new(requests, 10, Minute)], null, Cancellation);

        var sixty = await Admit(60);
        var sixtyMore = await Admit(60);
        var forty = await Admit(40);
        var requestsLeft = await admission.TryAdmitAsync([new(requests, 10, Minute)], null, Cancellation);

        Assert.Equal((true, 40L), (sixty.Admitted, sixty.Remaining));
        // 20 tokens short at 0.6 s a token: 12 s until they are there.
        Assert.Equal(0, sixtyMore.RefusedIndex);
        Assert.InRange(sixtyMore.RetryAfter, TimeSpan.FromSeconds(11.5), TimeSpan.FromSeconds(12));
        Assert.Equal((true, 0L), (forty.Admitted, forty.Remaining));
        Assert.Equal(10 - 2 - 1, requestsLeft.Remaining);
    }

    [Fact]
    public async Task AKeyGivenTwice_CountsTwice()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var key = TestRedis.Key("twice");

        var overLimit = await admission.TryAdmitAsync([new(key, 3, Minute, 2), new(key, 3, Minute, 2)], null, Cancellation);
        var withinLimit = await admission.TryAdmitAsync([new(key, 3, Minute, 1), new(key, 3, Minute, 2)], null, Cancellation);
        var afterwards = await admission.TryAdmitAsync([new(key, 3, Minute)], null, Cancellation);

        Assert.Equal(1, overLimit.RefusedIndex);
        Assert.True(withinLimit.Admitted);
        Assert.Equal(0, afterwards.RefusedIndex);
    }

    [Fact]
    public async Task ARefusedCall_IsAdmittedAfterItsRetryAfter()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        RateLimitCheck[] rates = [new(TestRedis.Key("hourly"), 100, TimeSpan.FromHours(1)), new(TestRedis.Key("fast"), 2, TimeSpan.FromMilliseconds(600))];

        Assert.True((await admission.TryAdmitAsync(rates, null, Cancellation)).Admitted);
        Assert.True((await admission.TryAdmitAsync(rates, null, Cancellation)).Admitted);
        var refused = await admission.TryAdmitAsync(rates, null, Cancellation);

        Assert.Equal(1, refused.RefusedIndex);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        await Task.Delay(refused.RetryAfter + TimeSpan.FromMilliseconds(20), Cancellation);
        Assert.True((await admission.TryAdmitAsync(rates, null, Cancellation)).Admitted);
    }

    [Fact]
    public async Task ASlotThatIsNeverReleased_IsFreedWhenItsLeaseRunsOut()
    {
        await using var redis = TestRedis.Connect(infrastructure.RedisConnectionString);
        var admission = new RedisAdmission(redis);
        var key = TestRedis.Key("slot");
        var lease = TimeSpan.FromMilliseconds(300);

        var first = await admission.TryAdmitAsync([], new ConcurrencySlot(key, 1, "crashed", lease), Cancellation);
        var expiresIn = (await redis.ExecuteAsync("PTTL", [key], Cancellation)).AsInt64();
        var blocked = await admission.TryAdmitAsync([], new ConcurrencySlot(key, 1, "next", lease), Cancellation);
        await Task.Delay(400, Cancellation);
        var afterLease = await admission.TryAdmitAsync([], new ConcurrencySlot(key, 1, "next", lease), Cancellation);

        Assert.Equal((-1, 0, -1), (first.RefusedIndex, blocked.RefusedIndex, afterLease.RefusedIndex));
        Assert.InRange(expiresIn, 1, 300);
    }

    [Fact]
    public async Task InvalidChecks_AreRejectedBeforeCallingRedis()
    {
        // Nothing listens there: a check that reached Redis would fail with a connection error instead.
        await using var redis = TestRedis.Connect($"127.0.0.1:{TestRedis.UnusedPort()},password=x,connectTimeout=200");
        var admission = new RedisAdmission(redis);
        var slot = new ConcurrencySlot("k", 1, "holder", Lease);

        Assert.Throws<ArgumentException>(() => admission.TryAdmitAsync([], null, Cancellation));
        Assert.Throws<ArgumentException>(() => admission.TryAdmitAsync([new("", 1, Minute)], null, Cancellation));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.TryAdmitAsync([new("k", 0, Minute)], null, Cancellation));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.TryAdmitAsync([new("k", 1, TimeSpan.Zero)], null, Cancellation));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.TryAdmitAsync([new("k", 1, Minute, 0)], null, Cancellation));
        Assert.Throws<ArgumentException>(() => admission.TryAdmitAsync([], slot with { Holder = "" }, Cancellation));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.TryAdmitAsync([], slot with { Limit = 0 }, Cancellation));
        Assert.Throws<ArgumentOutOfRangeException>(() => admission.TryAdmitAsync([], slot with { Lease = TimeSpan.Zero }, Cancellation));
    }

    /// <summary>Every rate's stored arrival time and the slot's holders with their scores, as text.</summary>
    private static async Task<string> SnapshotAsync(RedisClient redis, string[] rates, string slot)
    {
        var values = await redis.GetManyAsync(rates, Cancellation);
        var holders = await redis.ExecuteAsync("ZRANGE", [slot, 0, -1, "WITHSCORES"], Cancellation);
        return $"{string.Join(", ", values)} | {holders}";
    }
}
