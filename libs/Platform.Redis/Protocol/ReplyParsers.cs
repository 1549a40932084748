namespace Platform.Redis.Protocol;

/// <summary>The reply shapes of the built-in commands (static, so their delegates are cached and free to pass).</summary>
internal static class ReplyParsers
{
    public static RedisReply Any(ref RespReader reader) => reader.ReadReply();

    public static long Integer(ref RespReader reader) => reader.ReadInteger();

    /// <summary>An integer used as a flag (EXPIRE, HSET of one field, ...).</summary>
    public static bool IntegerFlag(ref RespReader reader) => reader.ReadInteger() != 0;

    public static string? String(ref RespReader reader) => reader.ReadString();

    /// <summary>A status reply whose text does not matter (PING's PONG, SELECT's OK).</summary>
    public static bool Status(ref RespReader reader) => reader.TryReadBytes(out _);

    /// <summary>SET answers OK when it stored the value and nil when NX/XX prevented it.</summary>
    public static bool StoredOrNil(ref RespReader reader) => !reader.TryReadNil() && reader.TryReadBytes(out _);

    /// <summary>TTL: seconds, or -1 (no expiry) / -2 (no key), both reported as null.</summary>
    public static TimeSpan? TimeToLive(ref RespReader reader) =>
        reader.ReadInteger() is var seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    public static string?[] Strings(ref RespReader reader)
    {
        var values = new string?[Math.Max(0, reader.ReadArrayLength())];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }

    /// <summary>HGETALL's flat field, value, field, value, ... array.</summary>
    public static Dictionary<string, string> Hash(ref RespReader reader)
    {
        var count = Math.Max(0, reader.ReadArrayLength()) / 2;
        var hash = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            hash[reader.ReadString()!] = reader.ReadString()!;
        }
        return hash;
    }
}
