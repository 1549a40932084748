namespace Platform.Hosting.State;

/// <summary>One running copy of a resource: its processes, addresses and log.</summary>
public sealed record InstanceSnapshot(
    int Replica,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<ProcessRecord> Processes,
    string Log);
