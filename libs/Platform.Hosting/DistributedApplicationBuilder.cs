using Platform.Hosting.Model;
using Platform.Hosting.Resources.Postgres;
using Platform.Hosting.Resources.Projects;
using Platform.Hosting.Resources.RabbitMQ;
using Platform.Hosting.Resources.Redis;

namespace Platform.Hosting;

/// <summary>Declares the platform's topology: servers, databases, services and the references between them.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<ReadyHook> _readyHooks = [];

    internal DistributedApplicationBuilder(HostingOptions options) => Options = options;

    /// <summary>Options parsed from the AppHost's command line.</summary>
    public HostingOptions Options { get; }

    /// <summary>A parameter: generated once and kept in secrets.json unless <c>Parameters__&lt;name&gt;</c> is set.</summary>
    public IResourceBuilder<ParameterResource> AddParameter(string name, bool secret = true, int generatedLength = 32) =>
        Add(new ParameterResource(name, secret, generatedLength));

    /// <summary>A PostgreSQL server; its superuser password is the parameter <c>&lt;name&gt;-password</c>.</summary>
    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) =>
        Add(new PostgresServerResource(name, AddParameter($"{name}-password").Resource));

    /// <summary>A Redis server; its password is the parameter <c>&lt;name&gt;-password</c>.</summary>
    public IResourceBuilder<RedisResource> AddRedis(string name) =>
        Add(new RedisResource(name, AddParameter($"{name}-password").Resource));

    /// <summary>A RabbitMQ broker; its password is the parameter <c>&lt;name&gt;-password</c>.</summary>
    public IResourceBuilder<RabbitMQResource> AddRabbitMQ(string name) =>
        Add(new RabbitMQResource(name, AddParameter($"{name}-password").Resource));

    /// <summary>A .NET project of this repository (path relative to the repository root), health-checked on /health.</summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath)
    {
        var project = new ProjectResource(name, projectPath) { HealthPath = "/health" };
        project.EndpointList.Add(new Endpoint("http", Http2Only: false, FixedPort: null, IsExternal: false));
        return Add(project);
    }

    /// <summary>A plain program run from <paramref name="workingDirectory"/> (relative to the repository root).</summary>
    public IResourceBuilder<ExecutableResource> AddExecutable(string name, string command, string workingDirectory, params string[] arguments) =>
        Add(new ExecutableResource(name, command, workingDirectory, arguments));

    /// <summary>
    /// Work for <c>run</c> once every resource is healthy (first-run seeding, say); the lines it returns are shown as
    /// how to call the platform. A hook that throws is reported and the platform keeps running.
    /// </summary>
    public DistributedApplicationBuilder OnReady(ReadyHook hook)
    {
        _readyHooks.Add(hook);
        return this;
    }

    /// <summary>Freezes the topology.</summary>
    public DistributedApplication Build() => new(Options, _resources, _readyHooks);

    internal IReadOnlyList<Resource> Resources => _resources;

    private ResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new HostingException($"A resource named '{resource.Name}' is already declared.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    internal IResourceBuilder<T> Track<T>(T resource) where T : Resource => Add(resource);
}
