using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Platform.Redis.Protocol;

/// <summary>Decodes one complete reply (already delimited by <see cref="RespScanner"/>) from contiguous memory.</summary>
internal ref struct RespReader(ReadOnlySpan<byte> frame)
{
    private readonly ReadOnlySpan<byte> _frame = frame;
    private int _position;

    public readonly byte PeekType() => _frame[_position];

    /// <summary>A whole frame as a tree, wherever the reads split it (for the setup and pub/sub paths, which are not hot).</summary>
    public static RedisReply Decode(in ReadOnlySequence<byte> frame) =>
        new RespReader(frame.IsSingleSegment ? frame.FirstSpan : frame.ToArray()).ReadReply();

    /// <summary>An integer reply, or a string holding one.</summary>
    public long ReadInteger()
    {
        var type = PeekType();
        if (type == (byte)':')
        {
            return ParseNumber(ReadLine());
        }
        if (type is (byte)'$' or (byte)'+' && TryReadBytes(out var text)
            && Utf8Parser.TryParse(text, out long value, out var consumed) && consumed == text.Length)
        {
            return value;
        }
        throw Unexpected("an integer", type);
    }

    /// <summary>A bulk or status string as text; nil as null.</summary>
    public string? ReadString() => TryReadBytes(out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>A bulk or status string without decoding (pointing into the frame); false for nil.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> value)
    {
        var type = PeekType();
        if (type == (byte)'+')
        {
            value = ReadLine();
            return true;
        }
        if (type != (byte)'$')
        {
            throw Unexpected("a string", type);
        }
        var length = ParseNumber(ReadLine());
        if (length < 0)
        {
            value = default;
            return false;
        }
        value = _frame.Slice(_position, (int)length);
        _position += (int)length + 2;
        return true;
    }

    /// <summary>True when the next reply is nil (and skips it).</summary>
    public bool TryReadNil()
    {
        if (PeekType() is (byte)'$' or (byte)'*' && _frame[_position + 1] == (byte)'-')
        {
            ReadLine();
            return true;
        }
        return false;
    }

    /// <summary>An array header: the number of elements that follow, -1 for nil.</summary>
    public int ReadArrayLength() => PeekType() == (byte)'*' ? (int)ParseNumber(ReadLine()) : throw Unexpected("an array", PeekType());

    /// <summary>Any reply, as a tree.</summary>
    public RedisReply ReadReply()
    {
        switch (PeekType())
        {
            case (byte)'+':
                return RedisReply.Status(Encoding.UTF8.GetString(ReadLine()));
            case (byte)'-':
                return RedisReply.Error(Encoding.UTF8.GetString(ReadLine()));
            case (byte)':':
                return RedisReply.FromInteger(ParseNumber(ReadLine()));
            case (byte)'$':
                return TryReadBytes(out var bytes) ? RedisReply.Bulk(bytes.ToArray()) : RedisReply.Nil;
            default:
                var count = ReadArrayLength();
                if (count < 0)
                {
                    return RedisReply.Nil;
                }
                var elements = new RedisReply[count];
                for (var i = 0; i < elements.Length; i++)
                {
                    elements[i] = ReadReply();
                }
                return RedisReply.FromArray(elements);
        }
    }

    /// <summary>The text of an error reply (the frame starts with '-').</summary>
    public string ReadError() => Encoding.UTF8.GetString(ReadLine());

    /// <summary>The current line without its type byte and CRLF; moves past it.</summary>
    private ReadOnlySpan<byte> ReadLine()
    {
        var rest = _frame[(_position + 1)..];
        var end = rest.IndexOf("\r\n"u8);
        _position += end + 3;
        return rest[..end];
    }

    private static long ParseNumber(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out long value, out var consumed) && consumed == text.Length
            ? value
            : throw new RedisException("Received a RESP number that is not a number; the stream is corrupt.");

    private static RedisException Unexpected(string expected, byte type) =>
        new($"Expected {expected} in the reply but got {Describe(type)}; does the command return what the caller expects?");

    private static string Describe(byte type) => type switch
    {
        (byte)'+' => "a status string",
        (byte)'-' => "an error",
        (byte)':' => "an integer",
        (byte)'$' => "a bulk string",
        (byte)'*' => "an array",
        _ => "unknown",
    };
}
