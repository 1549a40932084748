namespace Platform.Hosting.Model;

/// <summary>A listening endpoint of a service resource.</summary>
/// <param name="Name">Endpoint name: <c>http</c>, <c>grpc</c>, ...</param>
/// <param name="Http2Only">Served as HTTP/2 without TLS (h2c), as gRPC needs.</param>
/// <param name="FixedPort">A port chosen by the operator; otherwise a free one is picked each run.</param>
/// <param name="IsExternal">Reachable from outside the platform (only the edge in production).</param>
/// <param name="PortEnvironmentVariable">For plain executables: the variable that tells the process its port.</param>
public sealed record Endpoint(string Name, bool Http2Only, int? FixedPort, bool IsExternal, string? PortEnvironmentVariable = null)
{
    /// <summary>The port services listen on inside a container (manifest <c>targetPort</c>).</summary>
    public int ContainerPort => Http2Only ? 8081 : 8080;
}
