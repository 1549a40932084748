namespace Platform.Redis;

/// <summary>The RESP2 type of a <see cref="RedisReply"/>.</summary>
public enum RedisReplyKind
{
    /// <summary>A nil bulk string or nil array.</summary>
    Null,

    /// <summary>A status reply such as <c>OK</c>.</summary>
    SimpleString,

    /// <summary>An error nested in an array (a top-level error is thrown as <see cref="RedisServerException"/>).</summary>
    Error,

    /// <summary>A 64-bit integer.</summary>
    Integer,

    /// <summary>A binary-safe string.</summary>
    BulkString,

    /// <summary>An array of replies.</summary>
    Array,
}
