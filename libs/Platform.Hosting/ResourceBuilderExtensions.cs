using Platform.Hosting.Model;
using Platform.Hosting.Resources.Postgres;
using Platform.Hosting.Resources.Projects;

namespace Platform.Hosting;

/// <summary>Fluent configuration of declared resources, after Aspire's hosting API.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>A database on the server, created on start-up when missing.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        var database = server.ApplicationBuilder.Track(new PostgresDatabaseResource(name, server.Resource));
        server.Resource.Databases.Add(database.Resource);
        return database;
    }

    /// <summary>
    /// Injects what the service needs to reach <paramref name="source"/>: <c>ConnectionStrings__&lt;name&gt;</c>
    /// for servers and databases, <c>services__&lt;name&gt;__&lt;endpoint&gt;__&lt;i&gt;</c> for services.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> source)
        where T : ServiceResource
    {
        if (source.Resource is not (IResourceWithConnectionString or ServiceResource))
        {
            throw new HostingException($"{builder.Resource} cannot reference {source.Resource}: it has neither a connection string nor endpoints.");
        }
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    /// <summary>Sets an environment variable of the service.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : ServiceResource
    {
        builder.Resource.EnvironmentValues[name] = EnvironmentValue.Literal(value);
        return builder;
    }

    /// <summary>Sets an environment variable of the service to a parameter's value.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : ServiceResource
    {
        var resource = parameter.Resource;
        builder.Resource.EnvironmentValues[name] = new EnvironmentValue(context => context.ParameterValue(resource), resource.ValueExpression);
        return builder;
    }

    /// <summary>Runs several instances, each on its own ports; references list every instance.</summary>
    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : ServiceResource
    {
        builder.Resource.Replicas = replicas is >= 1 and <= 64
            ? replicas
            : throw new HostingException($"{builder.Resource}: replicas must be 1 to 64, not {replicas}.");
        return builder;
    }

    /// <summary>
    /// Declares or changes an HTTP endpoint. A fixed <paramref name="port"/> applies to the first replica; an external
    /// endpoint is published to the outside world in the manifest.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, string name = "http", int? port = null,
        bool isExternal = false, string? env = null) where T : ServiceResource =>
        WithEndpoint(builder, new Endpoint(name, Http2Only: false, port, isExternal, env));

    /// <summary>Declares an HTTP/2-only (h2c) endpoint, as gRPC needs; referenced as <c>services__&lt;svc&gt;__&lt;name&gt;__0</c>.</summary>
    public static IResourceBuilder<T> WithHttp2Endpoint<T>(this IResourceBuilder<T> builder, string name = "grpc", string? env = null)
        where T : ServiceResource =>
        WithEndpoint(builder, new Endpoint(name, Http2Only: true, FixedPort: null, IsExternal: false, env));

    /// <summary>Health-checks the service with GET <paramref name="path"/> on its first HTTP endpoint.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health")
        where T : ServiceResource
    {
        builder.Resource.HealthPath = path;
        return builder;
    }

    /// <summary>Leaves the resource out of aspire-manifest.json (local-only helpers such as the upstream simulator).</summary>
    public static IResourceBuilder<T> ExcludeFromManifest<T>(this IResourceBuilder<T> builder) where T : Resource
    {
        builder.Resource.ExcludedFromManifest = true;
        return builder;
    }

    private static IResourceBuilder<T> WithEndpoint<T>(IResourceBuilder<T> builder, Endpoint endpoint) where T : ServiceResource
    {
        var endpoints = builder.Resource.EndpointList;
        endpoints.RemoveAll(existing => existing.Name == endpoint.Name);
        endpoints.Add(endpoint);
        return builder;
    }
}
