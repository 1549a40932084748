using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Platform.Grpc.Protocol;

namespace Platform.Grpc.Server;

/// <summary>Writes the response side of a call: headers, length-prefixed messages, then the status.</summary>
internal static class ServerResponse
{
    public static void SendHeaders(ServerCallContext context)
    {
        if (context.ResponseHeadersSent)
        {
            return;
        }
        var response = context.HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
        if (context.ResponseHeadersOrNull is { } headers)
        {
            MetadataCodec.AppendTo(response.Headers, headers);
        }
        context.MarkResponseHeadersSent();
    }

    /// <summary>Writes one message into the body; the size check runs first, so an oversized message leaves the response untouched.</summary>
    public static void WriteMessage(ServerCallContext context, IMessage message, int maxSendMessageSize)
    {
        var size = message.CalculateSize();
        if (size > maxSendMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum of {maxSendMessageSize} bytes.");
        }
        SendHeaders(context);
        var writer = context.HttpContext.Response.BodyWriter;
        MessageFraming.WriteHeader(writer.GetSpan(MessageFraming.HeaderSize), size);
        writer.Advance(MessageFraming.HeaderSize);
        message.WriteTo(writer);
    }

    /// <summary>
    /// Ends the call with its status: in the trailers after a response has begun, otherwise as a
    /// Trailers-Only response (one HEADERS frame carrying the headers, the status and the trailers).
    /// </summary>
    public static void WriteStatus(ServerCallContext context, StatusCode status, string? detail, Metadata? errorTrailers)
    {
        var response = context.HttpContext.Response;
        if (context.ResponseHeadersSent || response.HasStarted)
        {
            response.AppendTrailer(GrpcProtocol.StatusHeader, StatusValue(status));
            if (!string.IsNullOrEmpty(detail))
            {
                response.AppendTrailer(GrpcProtocol.MessageHeader, StatusMessageEncoding.Encode(detail));
            }
            AppendTrailers(response, context.ResponseTrailersOrNull);
            AppendTrailers(response, errorTrailers);
            return;
        }
        SendHeaders(context);
        SetStatusHeaders(response.Headers, status, detail);
        if (context.ResponseTrailersOrNull is { } trailers)
        {
            MetadataCodec.AppendTo(response.Headers, trailers);
        }
        if (errorTrailers is not null)
        {
            MetadataCodec.AppendTo(response.Headers, errorTrailers);
        }
    }

    /// <summary>A Trailers-Only answer before any call context exists (protocol errors, unknown methods).</summary>
    public static void Reject(HttpResponse response, int httpStatus, StatusCode status, string detail)
    {
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
        SetStatusHeaders(response.Headers, status, detail);
    }

    private static void SetStatusHeaders(IHeaderDictionary headers, StatusCode status, string? detail)
    {
        headers[GrpcProtocol.StatusHeader] = StatusValue(status);
        if (!string.IsNullOrEmpty(detail))
        {
            headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(detail);
        }
    }

    private static void AppendTrailers(HttpResponse response, Metadata? trailers)
    {
        if (trailers is not null)
        {
            MetadataCodec.AppendTrailers(response, trailers);
        }
    }

    private static string StatusValue(StatusCode status) => ((int)status).ToString(CultureInfo.InvariantCulture);
}
