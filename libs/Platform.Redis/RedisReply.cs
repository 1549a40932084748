using System.Globalization;
using System.Text;

namespace Platform.Redis;

/// <summary>A reply of any shape, as returned by <see cref="RedisClient.ExecuteAsync"/> and the script commands.</summary>
public readonly struct RedisReply
{
    // A string (status, error), byte[] (bulk string) or RedisReply[] (array), depending on Kind.
    private readonly object? _value;
    private readonly long _integer;

    private RedisReply(RedisReplyKind kind, object? value, long integer)
    {
        Kind = kind;
        _value = value;
        _integer = integer;
    }

    /// <summary>The reply's type.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>True for a nil bulk string or nil array.</summary>
    public bool IsNull => Kind == RedisReplyKind.Null;

    /// <summary>The elements of an array reply (empty for nil).</summary>
    /// <exception cref="InvalidOperationException">The reply is not an array.</exception>
    public IReadOnlyList<RedisReply> Elements => Kind switch
    {
        RedisReplyKind.Array => (RedisReply[])_value!,
        RedisReplyKind.Null => [],
        _ => throw NotA("an array"),
    };

    internal static RedisReply Nil => default;

    internal static RedisReply Status(string text) => new(RedisReplyKind.SimpleString, text, 0);

    internal static RedisReply Error(string text) => new(RedisReplyKind.Error, text, 0);

    internal static RedisReply FromInteger(long value) => new(RedisReplyKind.Integer, null, value);

    internal static RedisReply Bulk(byte[] value) => new(RedisReplyKind.BulkString, value, 0);

    internal static RedisReply FromArray(RedisReply[] elements) => new(RedisReplyKind.Array, elements, 0);

    /// <summary>The reply as text: strings as they are (bulk strings decoded as UTF-8), integers in decimal, nil as null.</summary>
    /// <exception cref="InvalidOperationException">The reply is an array.</exception>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.Null => null,
        RedisReplyKind.SimpleString or RedisReplyKind.Error => (string)_value!,
        RedisReplyKind.BulkString => Encoding.UTF8.GetString((byte[])_value!),
        RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => throw NotA("a string"),
    };

    /// <summary>The reply as bytes (nil as null).</summary>
    /// <exception cref="InvalidOperationException">The reply is an array.</exception>
    public byte[]? AsBytes() => Kind == RedisReplyKind.BulkString ? (byte[])_value! : AsString() is { } text ? Encoding.UTF8.GetBytes(text) : null;

    /// <summary>The reply as an integer (integer replies, or strings holding one).</summary>
    /// <exception cref="InvalidOperationException">The reply is not an integer.</exception>
    public long AsInt64() => Kind == RedisReplyKind.Integer
        ? _integer
        : long.TryParse(Kind is RedisReplyKind.BulkString or RedisReplyKind.SimpleString ? AsString() : null, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw NotA("an integer");

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RedisReplyKind.Null => "(nil)",
        RedisReplyKind.Array => $"[{string.Join(", ", Elements)}]",
        RedisReplyKind.Error => $"(error) {_value}",
        _ => AsString()!,
    };

    private InvalidOperationException NotA(string expected) => new($"The Redis reply is {Kind}, not {expected}.");
}
