using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Postgres;

/// <summary>A PostgreSQL server from Debian's package, run as the postgres user on a loopback port.</summary>
public sealed class PostgresServerResource(string name, ParameterResource password)
    : Resource(name), IResourceWithConnectionString, IRunnableResource
{
    private readonly PostgresLauncher _launcher = new();

    /// <inheritdoc />
    public override string Kind => "postgres";

    /// <summary>The superuser password parameter.</summary>
    public ParameterResource Password { get; } = password;

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    internal override IEnumerable<Resource> StartDependencies => WaitsFor.Append(Password);

    /// <inheritdoc />
    public string ConnectionStringExpression =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username=postgres;Password={Password.ValueExpression}";

    /// <inheritdoc />
    public string GetConnectionString(RunContext context) =>
        $"Host=127.0.0.1;Port={context.Port(this, "tcp")};Username=postgres;Password={context.ParameterValue(Password)}";

    int IRunnableResource.Replicas => 1;

    IEnumerable<RequiredBinary> IRunnableResource.RequiredBinaries(HostingOptions options) =>
    [
        new(Path.Combine(options.PostgresBinDirectory, "postgres"), "postgresql"),
        new(Path.Combine(options.PostgresBinDirectory, "initdb"), "postgresql"),
    ];

    Task IRunnableResource.PrepareAsync(RunContext context, CancellationToken cancellationToken) =>
        _launcher.PrepareAsync(this, context, cancellationToken);

    IReadOnlyList<ProcessSpec> IRunnableResource.Processes(RunContext context, int replica) =>
        [_launcher.ServerProcess(this, context)];

    Task<string?> IRunnableResource.ProbeAsync(RunContext context, int replica, CancellationToken cancellationToken) =>
        _launcher.ProbeAsync(this, context, cancellationToken);

    IReadOnlyList<string> IRunnableResource.Endpoints(RunContext context, int replica) =>
        [$"tcp://127.0.0.1:{context.Port(this, "tcp")}"];
}
