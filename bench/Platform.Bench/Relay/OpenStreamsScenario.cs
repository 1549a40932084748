using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>
/// Scenario (d): 1,000 streams opened at once through a relay and held open by a slow upstream (50 tokens at 10/s,
/// about 5 s), while the relay's VmRSS is sampled every 50 ms. VmHWM is the kernel's own peak over the process's
/// life, earlier scenarios included.
/// </summary>
internal static class OpenStreamsScenario
{
    public const string Pace = "tokens=50; tps=10";

    public static async Task<ArmOpenStreams> RunAsync(RelayArm arm, int streams)
    {
        var pid = arm.RelayPid ?? throw new ArgumentException("only a relay has a process to measure", nameof(arm));
        using var client = arm.Client();
        var rssBefore = ProcessProbe.MemoryMegabytes(pid, "VmRSS");
        var peakRss = rssBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, ProcessProbe.MemoryMegabytes(pid, "VmRSS"));
                await Task.Delay(50, CancellationToken.None);
            }
        });

        var open = 0;
        var peakOpen = 0;
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
        {
            var opened = false;
            var arrivals = await StreamTiming.ReadAsync(client, Pace, () =>
            {
                opened = true;
                var now = Interlocked.Increment(ref open);
                InterlockedMax(ref peakOpen, now);
            });
            if (opened)
            {
                Interlocked.Decrement(ref open);
            }
            return arrivals is not null;
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return new ArmOpenStreams(arm.Name, streams, results.Count(ok => !ok), peakOpen, seconds, rssBefore, peakRss,
            ProcessProbe.MemoryMegabytes(pid, "VmHWM"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
