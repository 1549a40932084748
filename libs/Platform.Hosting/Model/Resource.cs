namespace Platform.Hosting.Model;

/// <summary>A named part of the topology: a server, a database, a service, a parameter.</summary>
public abstract class Resource(string name)
{
    /// <summary>The resource name (Aspire's resource name; also the name in connection strings and service discovery).</summary>
    public string Name { get; } = ResourceName.Validate(name);

    /// <summary>A short kind shown in the resource table and state.json.</summary>
    public abstract string Kind { get; }

    internal List<Resource> WaitsFor { get; } = [];

    /// <summary>Resources whose start this one needs before it can start (parents and WaitFor).</summary>
    internal virtual IEnumerable<Resource> StartDependencies => WaitsFor;

    internal bool ExcludedFromManifest { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Name}'";
}
