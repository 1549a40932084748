using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>
/// Scenario (e): utime + stime from /proc of each process before and after a fixed number of whole calls per arm,
/// less what the process burns idle over the same time (timers, health checks), divided by the calls. The window
/// stays open a second after the last answer so the edge's settle and usage record, which finish after the
/// response, are counted too.
/// </summary>
internal static class CostScenario
{
    private const int Callers = 4;
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<ArmCost>> RunAsync(IReadOnlyList<RelayArm> arms, IReadOnlyDictionary<string, int> processes, int calls)
    {
        var idle = await IdleRatesAsync(processes);
        var results = new List<ArmCost>();
        foreach (var arm in arms)
        {
            using var client = arm.Client();
            await RunCallsAsync(client, Math.Min(calls, 500)); // warm-up
            await Task.Delay(Drain);
            var before = Read(processes);
            var started = Stopwatch.GetTimestamp();
            var failed = await RunCallsAsync(client, calls);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} calls of the {arm.Name} arm failed during the CPU measurement");
            }
            await Task.Delay(Drain);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var after = Read(processes);
            results.Add(new ArmCost(arm.Name, calls, seconds, processes.Keys.ToDictionary(
                name => name,
                name => Math.Max(0, after[name] - before[name] - idle[name] * seconds) / calls)));
        }
        return results;
    }

    private static async Task<int> RunCallsAsync(HttpClient client, int calls)
    {
        var remaining = calls;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                if (!await ChatCall.CompleteAsync(client, sim: null))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return failed;
    }

    private static async Task<Dictionary<string, double>> IdleRatesAsync(IReadOnlyDictionary<string, int> processes)
    {
        var window = TimeSpan.FromSeconds(2);
        var before = Read(processes);
        await Task.Delay(window);
        var after = Read(processes);
        return processes.Keys.ToDictionary(name => name, name => (after[name] - before[name]) / window.TotalSeconds);
    }

    private static Dictionary<string, double> Read(IReadOnlyDictionary<string, int> processes) =>
        processes.ToDictionary(p => p.Key, p => ProcessProbe.CpuMicroseconds(p.Value, withDescendants: p.Key == "postgres"));
}
