namespace Platform.Grpc.Server;

/// <summary>Writes the responses of a server-streaming call.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>
    /// Sends one message (the response headers go out with the first). One write at a time; the call's
    /// <see cref="ServerCallContext.CancellationToken"/> always applies.
    /// </summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message is over the configured send limit.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled or its deadline passed.</exception>
    ValueTask WriteAsync(T message, CancellationToken cancellationToken = default);
}
