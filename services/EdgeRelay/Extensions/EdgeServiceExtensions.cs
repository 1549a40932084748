using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Relay;
using Platform.Grpc.Client;

namespace Microsoft.Extensions.Hosting;

internal static class EdgeServiceExtensions
{
    /// <summary>relaydb (channels, outbox), the bus with this replica's eviction queue, gRPC clients, Redis, the caches.</summary>
    public static IHostApplicationBuilder AddEdgeServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDataSource("relaydb").AddPostgresMigrations(typeof(EdgeServiceExtensions).Assembly);
        // Each replica must hear every key and user event, so its queue is its own and disappears with it.
        var evictionQueue = $"edge-evictions-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";
        builder.AddPlatformMessaging(bus => bus.AddChannelsConsumer().AddConsumer<PrincipalEvictionConsumer>().Endpoint(endpoint =>
        {
            endpoint.Name = evictionQueue;
            endpoint.Temporary = true;
        }));
        builder.AddRedisClient("redis");

        var services = builder.Services;
        services.Configure<EdgeOptions>(builder.Configuration.GetSection("Edge"));
        services.AddSingleton(TimeProvider.System);
        services.AddGrpcChannels();
        services.AddSingleton<PrincipalCache>();
        services.AddChannels();
        services.AddRelay(builder.Configuration);
        return builder;
    }
}
