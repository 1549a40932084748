using System.Security.Cryptography;
using System.Text;

namespace Platform.Redis;

/// <summary>
/// A Lua script with its SHA1, computed once. <see cref="RedisClient.EvaluateAsync(RedisScript, ReadOnlySpan{string}, ReadOnlySpan{RedisArgument}, CancellationToken)"/>
/// sends only the hash (EVALSHA) and falls back to the full text when the server does not know it (yet, or any
/// more after a restart or SCRIPT FLUSH). Keep instances in static fields.
/// </summary>
public sealed class RedisScript
{
    /// <summary>Wraps the script text.</summary>
    public RedisScript(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        // SHA1 is what Redis names scripts by, not a security measure.
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The Lua source.</summary>
    public string Text { get; }

    /// <summary>The lowercase hex SHA1 of the source, as SCRIPT LOAD returns it.</summary>
    public string Sha1 { get; }
}
