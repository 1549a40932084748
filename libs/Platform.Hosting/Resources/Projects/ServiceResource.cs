using Platform.Hosting.Health;
using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Projects;

/// <summary>A process the platform runs for its own code: a .NET project or a plain executable.</summary>
public abstract class ServiceResource(string name) : Resource(name), IRunnableResource
{
    internal List<Endpoint> EndpointList { get; } = [];

    internal List<Resource> References { get; } = [];

    internal Dictionary<string, EnvironmentValue> EnvironmentValues { get; } = new(StringComparer.Ordinal);

    internal string? HealthPath { get; set; }

    /// <summary>How many instances run; each gets its own ports.</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>Declared endpoints.</summary>
    public IReadOnlyList<Endpoint> Endpoints => EndpointList;

    internal abstract IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options);

    internal abstract Task PrepareAsync(RunContext context, CancellationToken cancellationToken);

    internal abstract ProcessSpec Process(RunContext context, int replica, IReadOnlyDictionary<string, string> environment);

    /// <summary>The URL of one instance's endpoint in this run.</summary>
    public Uri Url(RunContext context, Endpoint endpoint, int replica = 0) =>
        new($"http://127.0.0.1:{context.Port(this, endpoint.Name, replica, endpoint.FixedPort)}");

    internal Dictionary<string, string> BuildEnvironment(RunContext context, int replica)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica}",
        };
        if (context.Options.OtlpEndpoint is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            if (context.Options.OtlpProtocol is { Length: > 0 } protocol)
            {
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
            }
        }
        foreach (var reference in References)
        {
            AddReference(environment, reference, context);
        }
        foreach (var (key, value) in EnvironmentValues)
        {
            environment[key] = value.Live(context);
        }
        return environment;
    }

    private static void AddReference(Dictionary<string, string> environment, Resource reference, RunContext context)
    {
        switch (reference)
        {
            case IResourceWithConnectionString withConnectionString:
                environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.GetConnectionString(context);
                break;
            case ServiceResource service:
                foreach (var endpoint in service.EndpointList)
                {
                    for (var replica = 0; replica < service.Replicas; replica++)
                    {
                        environment[$"services__{service.Name}__{endpoint.Name}__{replica}"] =
                            service.Url(context, endpoint, replica).ToString().TrimEnd('/');
                    }
                }
                break;
        }
    }

    int IRunnableResource.Replicas => Replicas;

    IEnumerable<RequiredBinary> IRunnableResource.RequiredBinaries(HostingOptions options) => RequiredBinaries(options);

    Task IRunnableResource.PrepareAsync(RunContext context, CancellationToken cancellationToken) =>
        PrepareAsync(context, cancellationToken);

    IReadOnlyList<ProcessSpec> IRunnableResource.Processes(RunContext context, int replica) =>
        [Process(context, replica, BuildEnvironment(context, replica))];

    Task<string?> IRunnableResource.ProbeAsync(RunContext context, int replica, CancellationToken cancellationToken)
    {
        var endpoint = EndpointList.FirstOrDefault(e => !e.Http2Only) ?? EndpointList.FirstOrDefault();
        return HealthPath is null || endpoint is null
            ? Task.FromResult<string?>(null)
            : HttpHealth.ProbeAsync(new Uri(Url(context, endpoint, replica), HealthPath), endpoint.Http2Only, cancellationToken);
    }

    IReadOnlyList<string> IRunnableResource.Endpoints(RunContext context, int replica) =>
        EndpointList.Select(endpoint => $"{Url(context, endpoint, replica).ToString().TrimEnd('/')}{(endpoint.Http2Only ? " (h2c)" : "")}").ToArray();
}
