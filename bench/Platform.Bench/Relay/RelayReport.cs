using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Bench.Reporting;
using Platform.Hosting.Runtime;

namespace Platform.Bench.Relay;

/// <summary>Writes bench/results/TIMESTAMP-relay.json (every raw figure), .md (the summary with ratios and targets) and .svg (latency chart).</summary>
internal static class RelayReport
{
    public static async Task WriteAsync(RelayResults results)
    {
        var machine = BenchReport.Machine();
        var summary = Summarize(results, machine);
        Console.WriteLine(summary);

        var directory = Path.Combine(RepositoryRoot.Find(), "bench", "results");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-relay.json");
        var document = new { suite = "relay", machine, results };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".md"), summary);
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".svg"), PercentileChart.Render(results.Latency));
        Console.WriteLine($"figures in {file}");
    }

    private static string Summarize(RelayResults r, Dictionary<string, string> machine)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.AppendLine(text);
        string F(double v, string format = "0.000") => v.ToString(format, CultureInfo.InvariantCulture);

        Line($"# relay benchmark, {DateTime.UtcNow:u}");
        Line();
        Line(BenchReport.Describe(machine));
        Line();
        Line("Placement: " + string.Join("; ", r.Placement.Select(p => $"{p.Key}: {p.Value}")));
        Line();

        var direct = r.Latency.Single(a => a.Arm == "direct").Latency;
        Line("## (a) Latency, one whole chat call at a time (keep-alive, zero-latency simulator, interleaved rounds)");
        Line();
        Line("| arm | calls | errors | p50 ms | p90 ms | p99 ms | max ms | added p50 | added p90 | added p99 |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var a in r.Latency)
        {
            var s = a.Latency;
            Line($"| {a.Arm} | {s.Count} | {a.Errors} | {F(s.P50)} | {F(s.P90)} | {F(s.P99)} | {F(s.Max)} | {F(s.P50 - direct.P50)} | {F(s.P90 - direct.P90)} | {F(s.P99 - direct.P99)} |");
        }
        Line();

        Line("## (e) CPU per call (utime+stime from /proc, idle use subtracted, 4 callers, 1 s drain for settles)");
        Line();
        var names = r.Cost[0].CpuMicrosecondsPerCall.Keys.ToArray();
        Line($"| arm | calls | {string.Join(" | ", names.Select(n => n + " µs"))} |");
        Line($"| --- | ---: | {string.Join(" | ", names.Select(_ => "---:"))} |");
        foreach (var c in r.Cost)
        {
            Line($"| {c.Arm} | {c.Calls} | {string.Join(" | ", names.Select(n => F(c.CpuMicrosecondsPerCall[n], "0")))} |");
        }
        Line();

        Line($"## (b) Throughput, whole calls, upstream `x-sim: {ThroughputScenario.UpstreamLatency}`");
        Line();
        Line("| arm | callers | calls/s | errors | p50 ms | p99 ms | load generator CPU % of one core |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var t in r.Throughput)
        {
            Line($"| {t.Arm} | {t.Concurrency} | {F(t.CallsPerSecond, "0")} | {t.Errors} | {F(t.Latency.P50)} | {F(t.Latency.P99)} | {F(t.LoadGeneratorCpuPercent, "0")} |");
        }
        Line();

        var directStream = r.Streaming.Single(a => a.Arm == "direct");
        Line($"## (c) Streaming, `x-sim: {StreamingScenario.Pace}` (first event = the role chunk, sent with the first token)");
        Line();
        Line("| arm | streams | errors | first event p50 ms | p99 ms | added p50 | gap mean ms | gap p99 ms | added gap mean | added gap p99 | whole stream p50 ms |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in r.Streaming)
        {
            Line($"| {s.Arm} | {s.Streams} | {s.Errors} | {F(s.TimeToFirstEvent.P50)} | {F(s.TimeToFirstEvent.P99)} | {F(s.TimeToFirstEvent.P50 - directStream.TimeToFirstEvent.P50)} | " +
                $"{F(s.InterEventGap.Mean)} | {F(s.InterEventGap.P99)} | {F(s.InterEventGap.Mean - directStream.InterEventGap.Mean)} | {F(s.InterEventGap.P99 - directStream.InterEventGap.P99)} | {F(s.Whole.P50, "0")} |");
        }
        Line();

        Line($"## (d) 1,000 streams opened at once, `x-sim: {OpenStreamsScenario.Pace}`");
        Line();
        Line("| relay | streams | errors | peak open at once | seconds | RSS before MB | peak RSS (sampled) MB | VmHWM MB |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var o in r.OpenStreams)
        {
            Line($"| {o.Arm} | {o.Streams} | {o.Errors} | {o.PeakOpen} | {F(o.Seconds, "0.0")} | {F(o.RssBeforeMb, "0")} | {F(o.PeakRssMb, "0")} | {F(o.HighWaterMarkMb, "0")} |");
        }
        Line();

        Line("## Targets for the edge (ratios within this run)");
        Line();
        Line("| target | measured | met |");
        Line("| --- | --- | --- |");
        foreach (var (target, measured, met) in RelayTargets.Evaluate(r))
        {
            Line($"| {target} | {measured} | {(met ? "yes" : "**no**")} |");
        }
        Line();
        Line("Chart of (a): the .svg next to this file.");
        return md.ToString();
    }
}
