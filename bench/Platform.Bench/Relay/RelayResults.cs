namespace Platform.Bench.Relay;

/// <summary>Every raw figure of one relay run, as the JSON file keeps it.</summary>
internal sealed record RelayResults(
    IReadOnlyDictionary<string, string> Placement,
    IReadOnlyDictionary<string, string> Processes,
    IReadOnlyList<ArmLatency> Latency,
    IReadOnlyList<ArmCost> Cost,
    IReadOnlyList<ArmThroughput> Throughput,
    IReadOnlyList<ArmStreaming> Streaming,
    IReadOnlyList<ArmOpenStreams> OpenStreams);
