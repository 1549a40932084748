using Microsoft.AspNetCore.Http;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

/// <summary>Checks the call-definition headers before a handler runs; a bad request gets its gRPC error here.</summary>
internal static class RequestValidation
{
    public static bool TryAccept(HttpContext httpContext, out TimeSpan? timeout)
    {
        timeout = null;
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            ServerResponse.Reject(response, StatusCodes.Status426UpgradeRequired, StatusCode.Internal,
                $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2 (a Kestrel endpoint with Protocols=Http2).");
            return false;
        }
        if (!GrpcProtocol.IsProtobufContentType(request.ContentType))
        {
            // 415, as the spec asks, so that a non-gRPC client does not read the answer as a success.
            ServerResponse.Reject(response, StatusCodes.Status415UnsupportedMediaType, StatusCode.Internal,
                $"Content-Type '{request.ContentType}' is not supported; send '{GrpcProtocol.ContentType}' or '{GrpcProtocol.ProtoContentType}'.");
            return false;
        }
        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            ServerResponse.Reject(response, StatusCodes.Status200OK, StatusCode.Unimplemented,
                $"grpc-encoding '{encoding}' is not supported; this server accepts only '{GrpcProtocol.IdentityEncoding}' (uncompressed messages).");
            return false;
        }
        var timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                ServerResponse.Reject(response, StatusCodes.Status200OK, StatusCode.Internal,
                    $"grpc-timeout '{timeoutHeader}' is malformed; send up to 8 digits and a unit (H, M, S, m, u or n).");
                return false;
            }
            timeout = parsed;
        }
        return true;
    }
}
