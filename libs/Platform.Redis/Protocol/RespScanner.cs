using System.Buffers;
using System.Buffers.Text;

namespace Platform.Redis.Protocol;

/// <summary>Finds where the next complete RESP2 reply ends, without decoding it.</summary>
internal static class RespScanner
{
    // Generous bounds: a header line longer than this is not RESP.
    private const int MaxHeaderLength = 64 * 1024;

    /// <summary>
    /// True when <paramref name="buffer"/> starts with a whole reply; <paramref name="frame"/> is that reply and
    /// <paramref name="buffer"/> is moved past it.
    /// </summary>
    /// <exception cref="RedisException">The data is not RESP2 (the connection cannot be trusted any more).</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        var reader = new SequenceReader<byte>(buffer);
        // Replies still to skip: arrays add their elements.
        long outstanding = 1;
        while (outstanding > 0)
        {
            if (!reader.TryRead(out var type) || !reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
            {
                frame = default;
                return ThrowIfTooLong(reader);
            }
            outstanding--;
            switch (type)
            {
                case (byte)'+' or (byte)'-' or (byte)':':
                    break;
                case (byte)'$':
                    var length = ParseLength(line);
                    if (length >= 0)
                    {
                        if (reader.Remaining < length + 2)
                        {
                            frame = default;
                            return false;
                        }
                        reader.Advance(length + 2);
                    }
                    break;
                case (byte)'*':
                    var count = ParseLength(line);
                    if (count > 0)
                    {
                        outstanding += count;
                    }
                    break;
                default:
                    throw new RedisException($"Received a reply of unknown type '{(char)type}' (0x{type:x2}); this client speaks RESP2 only.");
            }
        }
        frame = buffer.Slice(0, reader.Position);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool ThrowIfTooLong(SequenceReader<byte> reader) =>
        reader.Remaining <= MaxHeaderLength ? false : throw new RedisException("Received a RESP header line longer than 64 KiB; the stream is corrupt.");

    private static long ParseLength(ReadOnlySequence<byte> line)
    {
        Span<byte> copy = stackalloc byte[20];
        if (line.Length <= copy.Length)
        {
            var span = line.IsSingleSegment ? line.FirstSpan : copy[..(int)line.Length];
            if (!line.IsSingleSegment)
            {
                line.CopyTo(copy);
            }
            if (Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length && value >= -1)
            {
                return value;
            }
        }
        throw new RedisException("Received a RESP length that is not a number; the stream is corrupt.");
    }
}
