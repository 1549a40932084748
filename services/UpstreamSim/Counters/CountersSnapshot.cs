namespace Platform.UpstreamSim.Counters;

/// <summary>What <c>GET /sim/counters</c> returns.</summary>
internal sealed record CountersSnapshot(
    long Total,
    long Faults,
    SortedDictionary<string, long> Endpoints,
    SortedDictionary<string, long> Models,
    SortedDictionary<string, long> Tags,
    SortedDictionary<string, long> Aborted,
    SortedDictionary<string, long> AbortedAtUnixMs);
