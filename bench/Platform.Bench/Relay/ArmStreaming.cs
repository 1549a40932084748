namespace Platform.Bench.Relay;

/// <summary>Scenario (c) for one arm: time to the first SSE event, and the gaps between consecutive events.</summary>
internal sealed record ArmStreaming(string Arm, int Streams, int Errors, LatencyStats TimeToFirstEvent, LatencyStats InterEventGap, LatencyStats Whole);
