using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Platform.Grpc.Server;

/// <summary>
/// A Kestrel endpoint for gRPC: HTTP/2 only, so h2c (HTTP/2 without TLS, "prior knowledge") works.
/// Services started by the AppHost need no code for this: configuration does the same with
/// <c>Kestrel__Endpoints__grpc__Url=http://0.0.0.0:5001</c> and <c>Kestrel__Endpoints__grpc__Protocols=Http2</c>.
/// </summary>
public static class GrpcKestrelExtensions
{
    /// <summary>Listens for gRPC on <paramref name="address"/>:<paramref name="port"/> (port 0 picks a free port).</summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions options, IPAddress address, int port)
    {
        // Without TLS there is no ALPN to negotiate HTTP/2, so the endpoint must speak nothing else.
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        return options;
    }
}
