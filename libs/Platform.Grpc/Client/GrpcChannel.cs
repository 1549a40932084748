using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Google.Protobuf.Reflection;
using Platform.ServiceDefaults.ServiceDiscovery;

namespace Platform.Grpc.Client;

/// <summary>
/// The connections to one target service: one <see cref="SocketsHttpHandler"/> shared by every call,
/// opening more HTTP/2 connections when one runs out of streams, round-robin across the addresses.
/// Thread-safe and meant to live as long as the application (see <see cref="GrpcChannelProvider"/>).
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly Uri[] _addresses;
    private readonly ConcurrentDictionary<ServiceDescriptor, GrpcCaller> _callers = new();
    private int _next = -1;

    private GrpcChannel(Uri[] addresses, GrpcChannelOptions options)
    {
        foreach (var address in addresses)
        {
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"gRPC address '{address}' must be an absolute http:// (h2c) or https:// URI.", nameof(addresses));
            }
        }
        _addresses = addresses;
        Options = options;
        Invoker = new HttpMessageInvoker(CreateHandler(options), disposeHandler: true);
    }

    /// <summary>The addresses calls go to.</summary>
    public IReadOnlyList<Uri> Addresses => _addresses;

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>A channel to a fixed address, e.g. <c>http://127.0.0.1:5001</c>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel([address], options ?? new GrpcChannelOptions());
    }

    /// <summary>
    /// A channel to the addresses configured for <paramref name="service"/>'s "grpc" endpoint,
    /// <c>services__&lt;service&gt;__grpc__0</c> (and further indexes for replicas).
    /// </summary>
    /// <exception cref="InvalidOperationException">No address is configured.</exception>
    public static GrpcChannel ForService(ServiceEndpointResolver resolver, string service, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var addresses = resolver.ResolveAll(service, "grpc");
        if (addresses.Count == 0)
        {
            throw new InvalidOperationException(
                $"No gRPC address for service '{service}': set services__{service}__grpc__0 " +
                "(the AppHost injects it when the caller references the service's 'grpc' endpoint).");
        }
        return new GrpcChannel([.. addresses], options ?? new GrpcChannelOptions());
    }

    /// <summary>The caller for <paramref name="service"/> (e.g. <c>HealthReflection.Descriptor.Services[0]</c>); cached, so cheap to ask for again.</summary>
    public GrpcCaller CreateCaller(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return _callers.GetOrAdd(service, static (descriptor, channel) => new GrpcCaller(channel, descriptor), this);
    }

    /// <summary>Closes the connections; calls in flight fail.</summary>
    public void Dispose() => Invoker.Dispose();

    internal int NextAddressIndex() =>
        _addresses.Length == 1 ? 0 : (int)((uint)Interlocked.Increment(ref _next) % (uint)_addresses.Length);

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        // One HTTP/2 connection carries ~100 concurrent streams; beyond that open another instead of queueing.
        EnableMultipleHttp2Connections = true,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        // h2c needs a direct connection: a proxy cannot carry prior-knowledge HTTP/2.
        UseProxy = false,
        ConnectTimeout = options.ConnectTimeout,
        // Long server streams sit idle; pings find a dead connection before a deadline would.
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        // Always W3C traceparent/tracestate from Activity.Current, whatever propagator the process set globally.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateDefaultPropagator(),
    };
}
