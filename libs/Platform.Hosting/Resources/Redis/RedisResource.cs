using Platform.Hosting.Health;
using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Redis;

/// <summary>A redis-server from Debian's package on a loopback port, password required.</summary>
public sealed class RedisResource(string name, ParameterResource password) : ServerResource(name, password)
{
    /// <inheritdoc />
    public override string Kind => "redis";

    /// <inheritdoc />
    public override string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={Password.ValueExpression}";

    /// <inheritdoc />
    public override string GetConnectionString(RunContext context) =>
        $"127.0.0.1:{ClientPort(context)},password={context.ParameterValue(Password)}";

    internal override IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options) => [new(options.RedisServerPath, "redis-server")];

    internal override Task PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.Paths.DataDirectory(Name));
        return Task.CompletedTask;
    }

    internal override IReadOnlyList<ProcessSpec> Processes(RunContext context) =>
    [
        new(context.Options.RedisServerPath,
            ["--port", ClientPort(context).ToString(), "--bind", "127.0.0.1", "--protected-mode", "yes",
             "--save", "", "--appendonly", "no", "--dir", context.Paths.DataDirectory(Name),
             "--requirepass", context.ParameterValue(Password)],
            new Dictionary<string, string>(), context.Paths.DataDirectory(Name), context.Paths.LogFile(Name)),
    ];

    internal override Task<string?> ProbeAsync(RunContext context, CancellationToken cancellationToken) =>
        RedisPing.ProbeAsync(ClientPort(context), context.ParameterValue(Password), cancellationToken);
}
