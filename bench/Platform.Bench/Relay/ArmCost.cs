namespace Platform.Bench.Relay;

/// <summary>Scenario (e) for one arm: CPU microseconds per call of each process that did work for it, idle use subtracted.</summary>
internal sealed record ArmCost(string Arm, int Calls, double Seconds, IReadOnlyDictionary<string, double> CpuMicrosecondsPerCall);
