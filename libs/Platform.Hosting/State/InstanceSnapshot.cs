namespace Platform.Hosting.State;

/// <summary>One running copy of a resource: its processes, addresses and log.</summary>
/// <param name="Replica">Instance number, from 0.</param>
/// <param name="Endpoints">Addresses to show.</param>
/// <param name="Ports">Every port the instance was given, by endpoint name (lets a second process attach to the run).</param>
/// <param name="Processes">Its operating-system processes.</param>
/// <param name="Log">Its log file.</param>
public sealed record InstanceSnapshot(
    int Replica,
    IReadOnlyList<string> Endpoints,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyList<ProcessRecord> Processes,
    string Log);
