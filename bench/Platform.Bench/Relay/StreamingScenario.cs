using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>
/// Scenario (c): 100-token streams paced at 50 tokens/s (about 2 s each), a batch of concurrent streams per arm per
/// round, arm order rotating. What a relay adds shows as a later first event and as wider gaps between events.
/// </summary>
internal static class StreamingScenario
{
    public const string Pace = "tokens=100; tps=50";

    public static async Task<IReadOnlyList<ArmStreaming>> RunAsync(IReadOnlyList<RelayArm> arms, int rounds, int streamsPerRound)
    {
        var first = arms.Select(_ => new List<long>()).ToArray();
        var gaps = arms.Select(_ => new List<long>()).ToArray();
        var whole = arms.Select(_ => new List<long>()).ToArray();
        var errors = new int[arms.Count];
        for (var round = 0; round <= rounds; round++)
        {
            for (var slot = 0; slot < arms.Count; slot++)
            {
                var arm = (slot + round) % arms.Count;
                using var client = arms[arm].Client();
                var streams = await Task.WhenAll(Enumerable.Range(0, streamsPerRound).Select(async _ =>
                {
                    var started = Stopwatch.GetTimestamp();
                    return (started, arrivals: await StreamTiming.ReadAsync(client, Pace));
                }));
                if (round == 0)
                {
                    continue; // warm-up
                }
                foreach (var (started, arrivals) in streams)
                {
                    if (arrivals is null)
                    {
                        errors[arm]++;
                        continue;
                    }
                    first[arm].Add(arrivals[0] - started);
                    whole[arm].Add(arrivals[^1] - started);
                    gaps[arm].AddRange(arrivals.Zip(arrivals.Skip(1), (a, b) => b - a));
                }
            }
        }
        return [.. arms.Select((arm, i) => new ArmStreaming(arm.Name, first[i].Count, errors[i],
            LatencyStats.FromTicks(first[i]), LatencyStats.FromTicks(gaps[i]), LatencyStats.FromTicks(whole[i])))];
    }
}
