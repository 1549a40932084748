using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

/// <summary>What a gRPC handler knows about its call, and the metadata it sends back.</summary>
public sealed class ServerCallContext
{
    private Metadata? _requestHeaders;
    private Metadata? _responseHeaders;
    private Metadata? _responseTrailers;
    private string? _peer;

    internal ServerCallContext(HttpContext httpContext, string method, DateTime deadline, CancellationToken cancellationToken)
    {
        HttpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The method path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string Method { get; }

    /// <summary>When the client gives up (UTC), from <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when it set none.</summary>
    public DateTime Deadline { get; }

    /// <summary>Fires when the client cancels the call, disconnects, or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The client's custom metadata (protocol headers such as <c>content-type</c> and <c>grpc-*</c> excluded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= MetadataCodec.FromRequestHeaders(HttpContext.Request.Headers);

    /// <summary>Metadata sent as response headers: with the first message, or with the status when there is none. Read-only once sent.</summary>
    public Metadata ResponseHeaders => _responseHeaders ??= new Metadata();

    /// <summary>Metadata sent in the trailers, next to <c>grpc-status</c>.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>The client's address in gRPC's form, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer => _peer ??= FormatPeer(HttpContext.Connection.RemoteIpAddress, HttpContext.Connection.RemotePort);

    /// <summary>The underlying request: request services, the authenticated user, connection details.</summary>
    public HttpContext HttpContext { get; }

    internal bool ResponseHeadersSent { get; private set; }

    internal Metadata? ResponseHeadersOrNull => _responseHeaders;

    internal Metadata? ResponseTrailersOrNull => _responseTrailers;

    internal void MarkResponseHeadersSent()
    {
        ResponseHeadersSent = true;
        _responseHeaders?.MakeReadOnly(
            $"The response headers of {Method} were already sent; set ResponseHeaders before the first message.");
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
