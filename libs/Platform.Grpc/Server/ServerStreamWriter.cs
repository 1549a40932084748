using Google.Protobuf;

namespace Platform.Grpc.Server;

/// <summary>Writes and flushes one message at a time into the response body of a server-streaming call.</summary>
internal sealed class ServerStreamWriter<T>(ServerCallContext context, int maxSendMessageSize) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    private const int Idle = 0;
    private const int Writing = 1;
    private const int Completed = 2;

    private int _state;

    public async ValueTask WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (Interlocked.CompareExchange(ref _state, Writing, Idle))
        {
            case Writing:
                throw new InvalidOperationException($"A write to {context.Method} is still in progress; await each WriteAsync before the next.");
            case Completed:
                throw new InvalidOperationException($"The call {context.Method} has already completed; a handler cannot write after it returns.");
        }
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.CancellationToken.ThrowIfCancellationRequested();
            ServerResponse.WriteMessage(context, message, maxSendMessageSize);
            var flush = await context.HttpContext.Response.BodyWriter.FlushAsync(context.CancellationToken);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                throw new OperationCanceledException("The client is no longer reading the response.", context.CancellationToken);
            }
        }
        finally
        {
            Interlocked.CompareExchange(ref _state, Idle, Writing);
        }
    }

    public void Complete() => Volatile.Write(ref _state, Completed);
}
