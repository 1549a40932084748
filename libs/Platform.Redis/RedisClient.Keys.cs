using Platform.Redis.Protocol;

namespace Platform.Redis;

public sealed partial class RedisClient
{
    /// <summary>DEL of one key: true when it existed.</summary>
    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Execute(["DEL", key], ReplyParsers.IntegerFlag, cancellationToken);

    /// <summary>DEL: how many of <paramref name="keys"/> existed.</summary>
    public ValueTask<long> DeleteAsync(ReadOnlySpan<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        return ExecuteJoined(["DEL"], keys, [], ReplyParsers.Integer, cancellationToken);
    }

    /// <summary>EXISTS of one key.</summary>
    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Execute(["EXISTS", key], ReplyParsers.IntegerFlag, cancellationToken);

    /// <summary>EXISTS: how many of <paramref name="keys"/> exist (a key named twice counts twice).</summary>
    public ValueTask<long> ExistsAsync(ReadOnlySpan<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        return ExecuteJoined(["EXISTS"], keys, [], ReplyParsers.Integer, cancellationToken);
    }

    /// <summary>
    /// EXPIRE when <paramref name="expiry"/> is whole seconds, PEXPIRE otherwise. False when the key does not exist.
    /// </summary>
    public ValueTask<bool> ExpireAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var (command, amount) = ExpiryArguments(expiry, "EXPIRE", "PEXPIRE");
        return Execute([command, key, amount], ReplyParsers.IntegerFlag, cancellationToken);
    }

    /// <summary>TTL, in whole seconds; null when the key does not exist or has no expiry.</summary>
    public ValueTask<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        Execute(["TTL", key], ReplyParsers.TimeToLive, cancellationToken);
}
