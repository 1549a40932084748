using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.ServiceDiscovery;

namespace Platform.Grpc.Client;

/// <summary>Registers gRPC client channels.</summary>
public static class GrpcClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="GrpcChannelProvider"/> (and a <see cref="ServiceEndpointResolver"/> if none is registered),
    /// with <paramref name="configure"/> applied to every channel's options.
    /// </summary>
    public static IServiceCollection AddGrpcChannels(this IServiceCollection services, Action<GrpcChannelOptions>? configure = null)
    {
        services.AddOptions<GrpcChannelOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }
        services.TryAddSingleton<ServiceEndpointResolver>();
        services.TryAddSingleton<GrpcChannelProvider>();
        return services;
    }
}
