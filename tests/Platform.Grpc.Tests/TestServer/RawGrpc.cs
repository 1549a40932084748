using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace Platform.Grpc.Tests.TestServer;

/// <summary>Hand-made h2c requests, for what a well-behaved client never sends.</summary>
internal static class RawGrpc
{
    public static byte[] Frame(IMessage message, byte compressedFlag = 0) => Frame(message.ToByteArray(), compressedFlag);

    public static byte[] Frame(byte[] payload, byte compressedFlag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<RawResponse> PostAsync(
        Uri address, string path, byte[] body, string contentType = "application/grpc", (string Name, string Value)[]? headers = null)
    {
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var cancellation = TestContext.Current.CancellationToken;
        using var response = await invoker.SendAsync(request, cancellation);
        var content = await response.Content.ReadAsByteArrayAsync(cancellation);
        var trailersOnly = response.Headers.Contains("grpc-status");
        var statusSource = trailersOnly ? (System.Net.Http.Headers.HttpHeaders)response.Headers : response.TrailingHeaders;
        return new RawResponse(
            response.StatusCode,
            Value(statusSource, "grpc-status") is { } status ? int.Parse(status) : null,
            Value(statusSource, "grpc-message"),
            trailersOnly,
            Value(response.Headers, "grpc-accept-encoding"),
            content);
    }

    private static string? Value(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
