namespace Platform.Hosting.State;

/// <summary>The content of <c>.platform/state.json</c>.</summary>
public sealed record StateDocument(AppHostRecord AppHost, IReadOnlyList<ResourceSnapshot> Resources);
