using Platform.Redis.Protocol;

namespace Platform.Redis;

/// <summary>
/// One argument of a Redis command: text (sent as UTF-8), an integer or raw bytes. Converts implicitly, so
/// <c>["SET", key, 42]</c> is a valid argument list; it is a struct so such a list can live on the stack.
/// </summary>
public readonly struct RedisArgument
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _integer;

    private RedisArgument(string? text, ReadOnlyMemory<byte> bytes, long integer, RedisArgumentKind kind)
    {
        _text = text;
        _bytes = bytes;
        _integer = integer;
        Kind = kind;
    }

    internal RedisArgumentKind Kind { get; }

    internal string? Text => _text;

    internal ReadOnlyMemory<byte> Bytes => _bytes;

    internal long Integer => _integer;

    /// <summary>Text, sent as UTF-8.</summary>
    public static implicit operator RedisArgument(string value) =>
        new(value ?? throw new ArgumentNullException(nameof(value), "A Redis argument cannot be null."), default, 0, RedisArgumentKind.Text);

    /// <summary>An integer, sent in decimal.</summary>
    public static implicit operator RedisArgument(long value) => new(null, default, value, RedisArgumentKind.Integer);

    /// <summary>Raw bytes.</summary>
    public static implicit operator RedisArgument(byte[] value) =>
        new(null, value ?? throw new ArgumentNullException(nameof(value), "A Redis argument cannot be null."), 0, RedisArgumentKind.Bytes);

    /// <summary>Raw bytes.</summary>
    public static implicit operator RedisArgument(ReadOnlyMemory<byte> value) => new(null, value, 0, RedisArgumentKind.Bytes);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RedisArgumentKind.Text => _text ?? "",
        RedisArgumentKind.Integer => _integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"<{_bytes.Length} bytes>",
    };
}
