using System.Globalization;

namespace Platform.Bench.Relay;

/// <summary>The issue's targets for the edge, each judged as a difference or ratio against another arm of the same run.</summary>
internal static class RelayTargets
{
    public static IEnumerable<(string Target, string Measured, bool Met)> Evaluate(RelayResults r)
    {
        string F(double v, string format = "0.000") => v.ToString(format, CultureInfo.InvariantCulture);
        var direct = r.Latency.Single(a => a.Arm == "direct").Latency;
        var edge = r.Latency.Single(a => a.Arm == "edge").Latency;
        yield return ("added p50 <= 0.5 ms over direct, one call at a time", $"{F(edge.P50 - direct.P50)} ms", edge.P50 - direct.P50 <= 0.5);
        yield return ("added p99 <= 1.5 ms over direct, one call at a time", $"{F(edge.P99 - direct.P99)} ms", edge.P99 - direct.P99 <= 1.5);

        var edge128 = r.Throughput.Single(t => t.Arm == "edge" && t.Concurrency == 128);
        var floor128 = r.Throughput.Single(t => t.Arm == "floor" && t.Concurrency == 128);
        var share = edge128.CallsPerSecond / floor128.CallsPerSecond;
        yield return ("throughput >= 70% of floor at 128 callers", $"{F(share * 100, "0.0")}% ({F(edge128.CallsPerSecond, "0")} vs {F(floor128.CallsPerSecond, "0")} calls/s)", share >= 0.70);

        var edgeCpu = r.Cost.Single(c => c.Arm == "edge").CpuMicrosecondsPerCall["edge"];
        var floorCpu = r.Cost.Single(c => c.Arm == "floor").CpuMicrosecondsPerCall["floor"];
        yield return ("CPU per call <= 2x floor", $"{F(edgeCpu / floorCpu, "0.00")}x ({F(edgeCpu, "0")} vs {F(floorCpu, "0")} µs)", edgeCpu <= 2 * floorCpu);

        var open = r.OpenStreams.Single(o => o.Arm == "edge");
        yield return ("RSS <= 250 MB with 1,000 open streams", $"{F(open.PeakRssMb, "0")} MB sampled peak ({open.PeakOpen} open at once; VmHWM {F(open.HighWaterMarkMb, "0")} MB)",
            open.PeakRssMb <= 250 && open.PeakOpen >= 1_000);

        var errors = r.Latency.Where(a => a.Arm == "edge").Sum(a => a.Errors) + r.Throughput.Where(t => t.Arm == "edge").Sum(t => t.Errors)
            + r.Streaming.Where(s => s.Arm == "edge").Sum(s => s.Errors) + open.Errors;
        yield return ("zero errors (edge, every scenario)", errors.ToString(CultureInfo.InvariantCulture), errors == 0);
    }
}
