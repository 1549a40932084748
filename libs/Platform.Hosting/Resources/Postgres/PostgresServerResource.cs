using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Postgres;

/// <summary>A PostgreSQL server from Debian's package, run as the postgres user on a loopback port.</summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : ServerResource(name, password)
{
    private readonly PostgresLauncher _launcher = new();

    /// <inheritdoc />
    public override string Kind => "postgres";

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    /// <inheritdoc />
    public override string ConnectionStringExpression =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username=postgres;Password={Password.ValueExpression}";

    /// <inheritdoc />
    public override string GetConnectionString(RunContext context) =>
        $"Host=127.0.0.1;Port={ClientPort(context)};Username=postgres;Password={context.ParameterValue(Password)}";

    internal override IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options) =>
    [
        new(Path.Combine(options.PostgresBinDirectory, "postgres"), "postgresql"),
        new(Path.Combine(options.PostgresBinDirectory, "initdb"), "postgresql"),
    ];

    internal override Task PrepareAsync(RunContext context, CancellationToken cancellationToken) =>
        _launcher.PrepareAsync(this, context, cancellationToken);

    internal override IReadOnlyList<ProcessSpec> Processes(RunContext context) => [_launcher.ServerProcess(this, context)];

    internal override Task<string?> ProbeAsync(RunContext context, CancellationToken cancellationToken) =>
        _launcher.ProbeAsync(this, context, cancellationToken);
}
