using Google.Protobuf;

namespace Platform.Grpc.Client;

/// <summary>
/// A server-streaming call. The request is sent when enumeration starts (<c>await foreach</c>); it can
/// be enumerated once. Leaving the loop early cancels the call on the server.
/// </summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class ServerStreamingCall<TResponse> : IAsyncEnumerable<TResponse>
    where TResponse : class, IMessage<TResponse>
{
    private readonly ClientCall<TResponse> _call;
    private int _enumerated;

    internal ServerStreamingCall(ClientCall<TResponse> call) => _call = call;

    /// <summary>The response headers, once enumeration has started and they arrived; empty when the server answered with a status only.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The trailers, once the stream has ended (on failure they are also on <see cref="RpcException.Trailers"/>).</summary>
    /// <exception cref="InvalidOperationException">The call has not completed yet.</exception>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Starts the call. Each message is yielded as it arrives; a failure surfaces as an <see cref="RpcException"/>.</summary>
    /// <exception cref="InvalidOperationException">The call was already enumerated.</exception>
    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A server-streaming call can be enumerated once; start a new call to read again.");
        }
        return _call.Start(cancellationToken);
    }
}
