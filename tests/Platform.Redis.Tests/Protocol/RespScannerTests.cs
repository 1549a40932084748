using System.Buffers;
using System.Text;
using Platform.Redis.Protocol;
using Platform.Redis.Tests.Support;

namespace Platform.Redis.Tests.Protocol;

public sealed class RespScannerTests
{
    // Every RESP2 type, a bulk string holding CRLF, nils and nested arrays.
    private const string Replies =
        "+OK\r\n-ERR bad\r\n:-42\r\n$5\r\na\r\nbc\r\n$-1\r\n$0\r\n\r\n*-1\r\n*0\r\n*3\r\n:1\r\n*2\r\n$1\r\nx\r\n+y\r\n$-1\r\n";

    private static readonly string[] Expected =
        ["OK", "(error) ERR bad", "-42", "a\r\nbc", "(nil)", "", "(nil)", "[]", "[1, [x, y], (nil)]"];

    [Fact]
    public void EveryReplyIsFound_WhereverTheReadsSplitTheStream()
    {
        var bytes = Encoding.UTF8.GetBytes(Replies);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var buffer = SegmentedSequence.Create(bytes[..split], bytes[split..]);

            Assert.Equal(Expected, ReadAll(ref buffer));
            Assert.Equal(0, buffer.Length);
        }
    }

    [Fact]
    public void AnIncompleteReply_IsLeftForTheNextRead()
    {
        var bytes = Encoding.UTF8.GetBytes(Replies);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            var complete = ReadAll(ref buffer);

            // Whatever is left is the start of the next reply, untouched.
            Assert.Equal(Expected[..complete.Count], complete);
            Assert.Equal(length - ConsumedBy(complete.Count), buffer.Length);
        }
    }

    [Fact]
    public void AnUnknownType_IsAProtocolError()
    {
        var buffer = new ReadOnlySequence<byte>("%1\r\n"u8.ToArray());

        Assert.Throws<RedisException>(() => RespScanner.TryReadFrame(ref buffer, out _));
    }

    private static int ConsumedBy(int replies)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(Replies));
        var consumed = 0L;
        for (var i = 0; i < replies; i++)
        {
            Assert.True(RespScanner.TryReadFrame(ref buffer, out var frame));
            consumed += frame.Length;
        }
        return (int)consumed;
    }

    private static List<string> ReadAll(ref ReadOnlySequence<byte> buffer)
    {
        var replies = new List<string>();
        while (RespScanner.TryReadFrame(ref buffer, out var frame))
        {
            replies.Add(RespReader.Decode(frame).ToString());
        }
        return replies;
    }
}
