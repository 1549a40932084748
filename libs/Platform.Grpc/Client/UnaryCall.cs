using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Platform.Grpc.Client;

/// <summary>
/// A unary call in flight. Await it for the response (an <see cref="RpcException"/> when the call
/// fails); keep it to read the response headers and trailers.
/// </summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class UnaryCall<TResponse>
    where TResponse : class, IMessage<TResponse>
{
    private readonly ClientCall<TResponse> _call;

    internal UnaryCall(ClientCall<TResponse> call, Task<TResponse> response)
    {
        _call = call;
        ResponseAsync = response;
    }

    /// <summary>The response message.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers; empty when the server answered with a status only.</summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The trailers, once the call has completed (on failure they are also on <see cref="RpcException.Trailers"/>).</summary>
    /// <exception cref="InvalidOperationException">The call has not completed yet.</exception>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Lets <c>await call</c> give the response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Configures the await of the response.</summary>
    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) =>
        ResponseAsync.ConfigureAwait(continueOnCapturedContext);
}
