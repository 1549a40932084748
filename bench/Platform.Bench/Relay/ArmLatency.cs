namespace Platform.Bench.Relay;

/// <summary>Scenario (a) for one arm: one call at a time over keep-alive, and how many failed.</summary>
internal sealed record ArmLatency(string Arm, LatencyStats Latency, int Errors);
