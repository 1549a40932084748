namespace Platform.Bench.Reporting;

/// <summary>One measured arm: calls per second and latency percentiles in milliseconds.</summary>
internal sealed record RunResult(string Arm, int Callers, long Calls, double CallsPerSecond, double P50Ms, double P99Ms);
