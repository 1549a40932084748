using Platform.Hosting.Health;
using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.RabbitMQ;

/// <summary>A RabbitMQ broker from Debian's package with its own node name, ports and Erlang port mapper.</summary>
public sealed class RabbitMQResource(string name, ParameterResource password) : ServerResource(name, password)
{
    /// <summary>The broker user the platform connects as.</summary>
    public const string UserName = "platform";

    /// <inheritdoc />
    public override string Kind => "rabbitmq";

    /// <inheritdoc />
    protected override string Scheme => "amqp";

    /// <inheritdoc />
    public override string ConnectionStringExpression =>
        $"amqp://{UserName}:{Password.ValueExpression}@{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";

    /// <inheritdoc />
    public override string GetConnectionString(RunContext context) =>
        $"amqp://{UserName}:{Uri.EscapeDataString(context.ParameterValue(Password))}@127.0.0.1:{ClientPort(context)}";

    internal override IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options) =>
        [new(options.RabbitMqServerPath, "rabbitmq-server"), new(options.EpmdPath, "erlang-base")];

    internal override Task PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        RabbitMQLayout.Prepare(this, context);
        return Task.CompletedTask;
    }

    internal override IReadOnlyList<ProcessSpec> Processes(RunContext context) => RabbitMQLayout.Processes(this, context);

    internal override Task<string?> ProbeAsync(RunContext context, CancellationToken cancellationToken) =>
        AmqpHandshake.ProbeAsync(ClientPort(context), UserName, context.ParameterValue(Password), cancellationToken);
}
