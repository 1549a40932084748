using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grpc.Health;

namespace Platform.Grpc.Server;

/// <summary>Maps gRPC services declared in <c>.proto</c> contracts onto endpoints.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="service"/> (from a generated file descriptor, e.g.
    /// <c>EchoReflection.Descriptor.Services[0]</c>) with <typeparamref name="TService"/>: each proto method
    /// is bound to the public method of the same name, <c>Task&lt;TResponse&gt; M(TRequest, ServerCallContext)</c>
    /// for unary and <c>Task M(TRequest, IServerStreamWriter&lt;TResponse&gt;, ServerCallContext)</c> for
    /// server streaming. The instance is taken from DI when registered, otherwise created per call.
    /// Unknown methods of the service, and unknown services, are answered with UNIMPLEMENTED.
    /// </summary>
    /// <returns>A builder for conventions (authorization, host filters) that apply to every method of the service.</returns>
    /// <exception cref="InvalidOperationException">A method is missing, overloaded or mis-typed, or AddGrpcServer was not called.</exception>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints, ServiceDescriptor service)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(service);
        var marker = endpoints.ServiceProvider.GetService<GrpcServerMarker>()
            ?? throw new InvalidOperationException(
                $"Call builder.Services.AddGrpcServer() before MapGrpcService<{typeof(TService).Name}>().");
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Grpc.Server");

        var group = endpoints.MapGroup("/" + service.FullName);
        foreach (var (method, handler) in ServiceBinder.Bind<TService>(service, options, logger))
        {
            group.MapPost("/" + method.Name, handler).WithDisplayName($"gRPC /{service.FullName}/{method.Name}");
        }
        var serviceName = service.FullName;
        group.MapPost("/{method}", httpContext => UnimplementedHandlers.UnknownMethod(httpContext, serviceName))
            .WithDisplayName($"gRPC /{service.FullName} unimplemented method");
        if (!marker.UnknownServiceRouteMapped)
        {
            MapUnknownService(endpoints);
            marker.UnknownServiceRouteMapped = true;
        }
        return group;
    }

    /// <summary>
    /// Serves <c>grpc.health.v1.Health</c> (Check and Watch) from the <see cref="HealthStatusRegistry"/>,
    /// whose overall status (service name "") starts as SERVING.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<HealthService>(HealthReflection.Descriptor.Services[0]);

    private static void MapUnknownService(IEndpointRouteBuilder endpoints)
    {
        var pattern = RoutePatternFactory.Parse(
            "/{service}/{method}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["service"] = new GrpcContentTypeConstraint() });
        endpoints.Map(pattern, UnimplementedHandlers.UnknownService)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]))
            .WithDisplayName("gRPC unimplemented service")
            // Order 1: every other endpoint (order 0) wins, whatever its route precedence.
            .Add(builder => ((RouteEndpointBuilder)builder).Order = 1);
    }
}
