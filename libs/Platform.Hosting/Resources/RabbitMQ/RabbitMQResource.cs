using Platform.Hosting.Health;
using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.RabbitMQ;

/// <summary>A RabbitMQ broker from Debian's package with its own node name, ports and Erlang port mapper.</summary>
public sealed class RabbitMQResource(string name, ParameterResource password)
    : Resource(name), IResourceWithConnectionString, IRunnableResource
{
    /// <summary>The broker user the platform connects as.</summary>
    public const string UserName = "platform";

    /// <inheritdoc />
    public override string Kind => "rabbitmq";

    /// <summary>The password parameter of <see cref="UserName"/>.</summary>
    public ParameterResource Password { get; } = password;

    internal override IEnumerable<Resource> StartDependencies => WaitsFor.Append(Password);

    /// <inheritdoc />
    public string ConnectionStringExpression =>
        $"amqp://{UserName}:{Password.ValueExpression}@{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";

    /// <inheritdoc />
    public string GetConnectionString(RunContext context) =>
        $"amqp://{UserName}:{Uri.EscapeDataString(context.ParameterValue(Password))}@127.0.0.1:{context.Port(this, "tcp")}";

    int IRunnableResource.Replicas => 1;

    IEnumerable<RequiredBinary> IRunnableResource.RequiredBinaries(HostingOptions options) =>
        [new(options.RabbitMqServerPath, "rabbitmq-server"), new(options.EpmdPath, "erlang-base")];

    Task IRunnableResource.PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        RabbitMQLayout.Prepare(this, context);
        return Task.CompletedTask;
    }

    IReadOnlyList<ProcessSpec> IRunnableResource.Processes(RunContext context, int replica) =>
        RabbitMQLayout.Processes(this, context);

    Task<string?> IRunnableResource.ProbeAsync(RunContext context, int replica, CancellationToken cancellationToken) =>
        AmqpHandshake.ProbeAsync(context.Port(this, "tcp"), UserName, context.ParameterValue(Password), cancellationToken);

    IReadOnlyList<string> IRunnableResource.Endpoints(RunContext context, int replica) =>
        [$"amqp://127.0.0.1:{context.Port(this, "tcp")}"];
}
