using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources;

/// <summary>
/// A server from Debian's packages (Postgres, Redis, RabbitMQ): one instance, one password parameter it waits for,
/// one client port named <c>tcp</c>.
/// </summary>
public abstract class ServerResource(string name, ParameterResource password)
    : Resource(name), IResourceWithConnectionString, IRunnableResource
{
    /// <summary>The password parameter.</summary>
    public ParameterResource Password { get; } = password;

    internal override IEnumerable<Resource> StartDependencies => WaitsFor.Append(Password);

    /// <inheritdoc />
    public abstract string ConnectionStringExpression { get; }

    /// <inheritdoc />
    public abstract string GetConnectionString(RunContext context);

    /// <summary>The client port of this run.</summary>
    protected int ClientPort(RunContext context) => context.Port(this, "tcp");

    /// <summary>The URI scheme shown for the client endpoint.</summary>
    protected virtual string Scheme => "tcp";

    internal abstract IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options);

    internal abstract Task PrepareAsync(RunContext context, CancellationToken cancellationToken);

    internal abstract IReadOnlyList<ProcessSpec> Processes(RunContext context);

    internal abstract Task<string?> ProbeAsync(RunContext context, CancellationToken cancellationToken);

    int IRunnableResource.Replicas => 1;

    IEnumerable<RequiredBinary> IRunnableResource.RequiredBinaries(HostingOptions options) => RequiredBinaries(options);

    Task IRunnableResource.PrepareAsync(RunContext context, CancellationToken cancellationToken) => PrepareAsync(context, cancellationToken);

    IReadOnlyList<ProcessSpec> IRunnableResource.Processes(RunContext context, int replica) => Processes(context);

    Task<string?> IRunnableResource.ProbeAsync(RunContext context, int replica, CancellationToken cancellationToken) =>
        ProbeAsync(context, cancellationToken);

    IReadOnlyList<string> IRunnableResource.Endpoints(RunContext context, int replica) => [$"{Scheme}://127.0.0.1:{ClientPort(context)}"];
}
