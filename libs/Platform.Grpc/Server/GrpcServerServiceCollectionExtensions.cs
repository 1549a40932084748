using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Grpc.Health;

namespace Platform.Grpc.Server;

/// <summary>Registers what gRPC endpoints need.</summary>
public static class GrpcServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gRPC server options and the <see cref="HealthStatusRegistry"/>. Call once before mapping
    /// services with <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcService{TService}"/>.
    /// </summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton<GrpcServerMarker>();
        services.TryAddSingleton<HealthStatusRegistry>();
        services.TryAddSingleton<HealthService>();
        return services;
    }
}
