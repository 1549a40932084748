using Platform.Bench.Reporting;
using Platform.Redis;
using Platform.Redis.RateLimiting;

namespace Platform.Bench.Plumbing;

/// <summary>The edge's admission of one call (key TPM, key RPM, tier RPM, a slot): one round trip against the four it replaced.</summary>
internal static class AdmissionBenchmark
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static async Task<IReadOnlyList<RunResult>> RunAsync(string connectionString, TimeSpan warmUp, TimeSpan duration)
    {
        await using var client = new RedisClient(RedisOptions.Parse(connectionString));
        var limiter = new RedisRateLimiter(client);
        var slots = new RedisConcurrencyLimiter(client);
        var admission = new RedisAdmission(client);
        var id = Guid.NewGuid().ToString("N");
        var (tpm, rpm, tier, slot) = ($"bench:tpm:{id}", $"bench:rpm:{id}", $"bench:tier:{id}", $"bench:calls:{id}");
        // Holders are reused so the slot's set stays small; limits high enough that every call is admitted.
        var holders = Enumerable.Range(0, 64).Select(i => $"call-{i}").ToArray();
        var next = 0;
        string Holder() => holders[Interlocked.Increment(ref next) & 63];

        var results = new List<RunResult>();
        foreach (var callers in new[] { 1, 16 })
        {
            results.Add(await LatencyRecorder.RunAsync("RedisRateLimiter: 1 rate", callers, warmUp, duration, async () =>
                Admitted((await limiter.AcquireAsync(rpm, int.MaxValue, Minute)).Allowed)));
            results.Add(await LatencyRecorder.RunAsync("admission: 4 calls in turn (3 rates, then slot)", callers, warmUp, duration, async () =>
            {
                Admitted((await limiter.AcquireAsync(tpm, int.MaxValue, Minute, cost: 1_300)).Allowed);
                Admitted((await limiter.AcquireAsync(rpm, int.MaxValue, Minute)).Allowed);
                Admitted((await limiter.AcquireAsync(tier, int.MaxValue, Minute)).Allowed);
                Admitted(await slots.TryAcquireAsync(slot, 1_000, Holder(), TimeSpan.FromMinutes(15)));
            }));
            results.Add(await LatencyRecorder.RunAsync("admission: 1 RedisAdmission call (3 rates + slot)", callers, warmUp, duration, async () =>
                Admitted((await admission.TryAdmitAsync(
                    [new(tpm, int.MaxValue, Minute, 1_300), new(rpm, int.MaxValue, Minute), new(tier, int.MaxValue, Minute)],
                    new ConcurrencySlot(slot, 1_000, Holder(), TimeSpan.FromMinutes(15)))).Admitted)));
        }
        return results;
    }

    private static void Admitted(bool admitted)
    {
        if (!admitted)
        {
            throw new InvalidOperationException("A benchmark call was refused; the limits are meant to admit every call.");
        }
    }
}
