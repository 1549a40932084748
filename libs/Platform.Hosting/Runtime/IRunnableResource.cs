namespace Platform.Hosting.Runtime;

/// <summary>A resource backed by processes: how to prepare, start and probe each of its instances.</summary>
internal interface IRunnableResource
{
    int Replicas { get; }

    IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options);

    /// <summary>One-time work before the first instance starts (directories, initdb, config files, builds).</summary>
    Task PrepareAsync(RunContext context, CancellationToken cancellationToken);

    /// <summary>The processes of one instance, started in order.</summary>
    IReadOnlyList<ProcessSpec> Processes(RunContext context, int replica);

    /// <summary>Null when the instance is healthy, else what is wrong.</summary>
    Task<string?> ProbeAsync(RunContext context, int replica, CancellationToken cancellationToken);

    /// <summary>Addresses to show for one instance.</summary>
    IReadOnlyList<string> Endpoints(RunContext context, int replica);
}
