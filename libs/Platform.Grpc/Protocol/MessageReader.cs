using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Platform.Grpc.Protocol;

/// <summary>Reads length-prefixed messages from a request or response body, parsing straight from the pipe's buffers.</summary>
internal static class MessageReader
{
    /// <summary>The next message, or null when the body ended cleanly between messages.</summary>
    /// <exception cref="RpcException">A truncated or malformed frame, an oversized or compressed message, or bytes that are not the message type.</exception>
    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool framed;
            ReadOnlySequence<byte> payload;
            try
            {
                framed = MessageFraming.TryRead(ref buffer, maxMessageSize, out payload);
            }
            catch
            {
                reader.AdvanceTo(buffer.Start);
                throw;
            }
            if (framed)
            {
                try
                {
                    // Parse before advancing: the payload still points into the pipe's buffers.
                    return Parse(parser, payload);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
            }
            var pending = buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return pending == 0
                    ? null
                    : throw new RpcException(StatusCode.Internal,
                        $"Incomplete message: the stream ended after {pending} bytes of a length-prefixed message.");
            }
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("Reading the message stream was canceled.");
            }
        }
    }

    /// <summary>Exactly one message followed by the end of the body, as unary and server-streaming requests are.</summary>
    public static async ValueTask<T> ReadSingleAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var message = await ReadAsync(reader, parser, maxMessageSize, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "Request did not include a message.");
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var extra = result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (extra > 0)
            {
                throw new RpcException(StatusCode.Internal, "Request included more than one message; this method takes exactly one.");
            }
            if (result.IsCompleted)
            {
                return message;
            }
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("Reading the message stream was canceled.");
            }
        }
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize a {typeof(T).Name} message.", trailers: null, exception);
        }
    }
}
