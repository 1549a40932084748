using System.Buffers;
using System.Text;

namespace Platform.Redis.Protocol;

/// <summary>Commands encoded as RESP arrays of bulk strings, appended to a pooled, growing buffer.</summary>
internal sealed class CommandBuffer : IDisposable
{
    private const int InitialSize = 16 * 1024;

    // After a burst, do not keep a huge buffer for the quiet times that follow.
    private const int RetainedSize = 256 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _length;

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Appends one command; on failure (a null argument) nothing is appended, so the stream stays well-formed.</summary>
    public void Write(ReadOnlySpan<RedisArgument> arguments)
    {
        var start = _length;
        try
        {
            WriteHeader((byte)'*', arguments.Length);
            foreach (var argument in arguments)
            {
                WriteArgument(argument);
            }
        }
        catch
        {
            _length = start;
            throw;
        }
    }

    public void Reset()
    {
        _length = 0;
        if (_buffer.Length > RetainedSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
        _length = 0;
    }

    private void WriteArgument(in RedisArgument argument)
    {
        switch (argument.Kind)
        {
            case RedisArgumentKind.Integer:
                Span<byte> digits = stackalloc byte[20];
                argument.Integer.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
                WriteBulk(digits[..written]);
                break;
            case RedisArgumentKind.Bytes:
                WriteBulk(argument.Bytes.Span);
                break;
            default:
                var text = argument.Text ?? throw new ArgumentNullException(nameof(argument), "A Redis argument cannot be null.");
                var count = Encoding.UTF8.GetByteCount(text);
                WriteHeader((byte)'$', count);
                Encoding.UTF8.GetBytes(text, Reserve(count + 2));
                _buffer[_length + count] = (byte)'\r';
                _buffer[_length + count + 1] = (byte)'\n';
                _length += count + 2;
                break;
        }
    }

    private void WriteBulk(ReadOnlySpan<byte> value)
    {
        WriteHeader((byte)'$', value.Length);
        var target = Reserve(value.Length + 2);
        value.CopyTo(target);
        target[value.Length] = (byte)'\r';
        target[value.Length + 1] = (byte)'\n';
        _length += value.Length + 2;
    }

    private void WriteHeader(byte type, int count)
    {
        var target = Reserve(13);
        target[0] = type;
        count.TryFormat(target[1..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        target[written + 1] = (byte)'\r';
        target[written + 2] = (byte)'\n';
        _length += written + 3;
    }

    /// <summary>At least <paramref name="size"/> free bytes at the end of the buffer.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(_length);
    }
}
