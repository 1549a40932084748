using System.Net;

namespace Platform.Grpc.Tests.TestServer;

/// <summary>A response as it came off the wire; GrpcMessage is still percent-encoded.</summary>
internal sealed record RawResponse(
    HttpStatusCode HttpStatus,
    int? GrpcStatus,
    string? GrpcMessage,
    bool TrailersOnly,
    string? AcceptEncoding,
    byte[] Body);
