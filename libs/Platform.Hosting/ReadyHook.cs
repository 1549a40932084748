namespace Platform.Hosting;

/// <summary>Runs once the platform is healthy in a <c>run</c>; returns lines telling a person how to use it.</summary>
public delegate Task<IReadOnlyList<string>> ReadyHook(DistributedApplication app, CancellationToken cancellationToken);
