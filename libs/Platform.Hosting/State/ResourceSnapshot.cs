namespace Platform.Hosting.State;

/// <summary>A resource as state.json and the resource table show it.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    string State,
    string Health,
    int Restarts,
    IReadOnlyList<InstanceSnapshot> Instances,
    string? Detail);
