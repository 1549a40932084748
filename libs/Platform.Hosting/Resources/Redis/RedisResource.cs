using Platform.Hosting.Health;
using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Redis;

/// <summary>A redis-server from Debian's package on a loopback port, password required.</summary>
public sealed class RedisResource(string name, ParameterResource password)
    : Resource(name), IResourceWithConnectionString, IRunnableResource
{
    /// <inheritdoc />
    public override string Kind => "redis";

    /// <summary>The password parameter (<c>requirepass</c>).</summary>
    public ParameterResource Password { get; } = password;

    internal override IEnumerable<Resource> StartDependencies => WaitsFor.Append(Password);

    /// <inheritdoc />
    public string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={Password.ValueExpression}";

    /// <inheritdoc />
    public string GetConnectionString(RunContext context) =>
        $"127.0.0.1:{context.Port(this, "tcp")},password={context.ParameterValue(Password)}";

    int IRunnableResource.Replicas => 1;

    IEnumerable<RequiredBinary> IRunnableResource.RequiredBinaries(HostingOptions options) =>
        [new(options.RedisServerPath, "redis-server")];

    Task IRunnableResource.PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.Paths.DataDirectory(Name));
        return Task.CompletedTask;
    }

    IReadOnlyList<ProcessSpec> IRunnableResource.Processes(RunContext context, int replica) =>
    [
        new(context.Options.RedisServerPath,
            ["--port", context.Port(this, "tcp").ToString(), "--bind", "127.0.0.1", "--protected-mode", "yes",
             "--save", "", "--appendonly", "no", "--dir", context.Paths.DataDirectory(Name),
             "--requirepass", context.ParameterValue(Password)],
            new Dictionary<string, string>(), context.Paths.DataDirectory(Name), context.Paths.LogFile(Name)),
    ];

    Task<string?> IRunnableResource.ProbeAsync(RunContext context, int replica, CancellationToken cancellationToken) =>
        RedisPing.ProbeAsync(context.Port(this, "tcp"), context.ParameterValue(Password), cancellationToken);

    IReadOnlyList<string> IRunnableResource.Endpoints(RunContext context, int replica) =>
        [$"tcp://127.0.0.1:{context.Port(this, "tcp")}"];
}
