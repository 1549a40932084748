using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>
/// Scenario (b): N callers in closed loops of whole calls against an upstream that takes 20 ms (<c>x-sim: ttft=20ms</c>,
/// which the edge forwards to sim channels), each arm for the same time, arm order rotating per concurrency.
/// </summary>
internal static class ThroughputScenario
{
    public const string UpstreamLatency = "ttft=20ms";

    public static async Task<IReadOnlyList<ArmThroughput>> RunAsync(IReadOnlyList<RelayArm> arms, int[] concurrencies, TimeSpan warmUp, TimeSpan duration)
    {
        var results = new List<ArmThroughput>();
        for (var c = 0; c < concurrencies.Length; c++)
        {
            for (var slot = 0; slot < arms.Count; slot++)
            {
                var arm = arms[(slot + c) % arms.Count];
                using var client = arm.Client();
                await LoopAsync(client, concurrencies[c], warmUp);
                var cpuBefore = ProcessProbe.CpuMicroseconds(Environment.ProcessId);
                var started = Stopwatch.GetTimestamp();
                var (samples, errors) = await LoopAsync(client, concurrencies[c], duration);
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var cpu = (ProcessProbe.CpuMicroseconds(Environment.ProcessId) - cpuBefore) / (seconds * 1_000_000) * 100;
                results.Add(new ArmThroughput(arm.Name, concurrencies[c], samples.Count / seconds, errors, LatencyStats.FromTicks(samples), cpu));
            }
        }
        return [.. results.OrderBy(r => r.Concurrency).ThenBy(r => arms.Select(a => a.Name).ToList().IndexOf(r.Arm))];
    }

    private static async Task<(List<long> Samples, int Errors)> LoopAsync(HttpClient client, int callers, TimeSpan duration)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<long>[callers];
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            await Task.Yield();
            var mine = samples[caller] = new List<long>(10_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                if (await ChatCall.CompleteAsync(client, UpstreamLatency))
                {
                    mine.Add(Stopwatch.GetTimestamp() - started);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return ([.. samples.SelectMany(s => s)], errors);
    }
}
