using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>Percentiles and mean of a set of durations, in milliseconds.</summary>
internal sealed record LatencyStats(long Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencyStats FromTicks(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0, 0);
        }
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        double At(double q) => Ms(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))]);
        return new LatencyStats(sorted.Length, At(0.50), At(0.90), At(0.99), Ms(sorted[^1]), sorted.Average(t => Ms(t)));
    }
}
