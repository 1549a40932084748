using System.Collections.Concurrent;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.ServiceDiscovery;

namespace Platform.Grpc.Client;

/// <summary>
/// One <see cref="GrpcChannel"/> per target service for the whole application, addresses resolved
/// from <c>services__&lt;service&gt;__grpc__&lt;i&gt;</c>. Registered as a singleton by AddGrpcChannels.
/// </summary>
public sealed class GrpcChannelProvider(ServiceEndpointResolver resolver, IOptions<GrpcChannelOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<GrpcChannel>> _channels = new(StringComparer.Ordinal);

    /// <summary>The channel to <paramref name="service"/> (created on first use).</summary>
    /// <exception cref="InvalidOperationException">No address is configured for the service.</exception>
    public GrpcChannel GetChannel(string service) =>
        _channels.GetOrAdd(service, name => new Lazy<GrpcChannel>(() => GrpcChannel.ForService(resolver, name, options.Value))).Value;

    /// <summary>The caller for the proto <paramref name="descriptor"/> on <paramref name="service"/>'s channel.</summary>
    public GrpcCaller CreateCaller(string service, ServiceDescriptor descriptor) => GetChannel(service).CreateCaller(descriptor);

    /// <summary>Closes every channel.</summary>
    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            if (channel.IsValueCreated)
            {
                channel.Value.Dispose();
            }
        }
    }
}
