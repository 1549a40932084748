using System.Buffers;
using System.Buffers.Binary;

namespace Platform.Grpc.Protocol;

/// <summary>Length-Prefixed-Message: a compressed-flag byte, a 4-byte big-endian length, the message.</summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, int messageLength)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)messageLength);
    }

    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/>. The header is checked as
    /// soon as its 5 bytes are there, so an oversized or compressed message is refused before it is buffered.
    /// </summary>
    /// <exception cref="RpcException">Compressed flag set, or the message is over <paramref name="maxMessageSize"/>.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (header[0] != 0)
        {
            throw new RpcException(StatusCode.Internal, header[0] == 1
                ? "Message has the compressed flag set, but only the 'identity' grpc-encoding is supported; send messages uncompressed."
                : $"Message has an invalid compressed flag {header[0]}; the flag must be 0 or 1.");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum of {maxMessageSize} bytes.");
        }
        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }
        message = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(message.End);
        return true;
    }
}
