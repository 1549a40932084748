using System.Diagnostics;

namespace Platform.Bench.Reporting;

/// <summary>Runs a call in a loop from N concurrent callers for a fixed time and summarises what it saw.</summary>
internal static class LatencyRecorder
{
    public static async Task<RunResult> RunAsync(string name, int callers, TimeSpan warmUp, TimeSpan duration, Func<Task> call)
    {
        await LoopAsync(callers, warmUp, call, record: false);
        var started = Stopwatch.GetTimestamp();
        var samples = await LoopAsync(callers, duration, call, record: true);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = samples.SelectMany(s => s).Order().ToArray();
        return new RunResult(name, callers, all.Length, all.Length / elapsed.TotalSeconds,
            Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<List<long>[]> LoopAsync(int callers, TimeSpan duration, Func<Task> call, bool record)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = Enumerable.Range(0, callers).Select(_ => new List<long>(100_000)).ToArray();
        await Task.WhenAll(samples.Select(async mine =>
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                if (record)
                {
                    mine.Add(Stopwatch.GetTimestamp() - start);
                }
            }
        }));
        return samples;
    }

    private static double Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}
