namespace Platform.Bench.Relay;

/// <summary>Scenario (b) for one arm at one concurrency; the load generator's CPU shows whether it, not the arm, was the limit.</summary>
internal sealed record ArmThroughput(string Arm, int Concurrency, double CallsPerSecond, int Errors, LatencyStats Latency, double LoadGeneratorCpuPercent);
