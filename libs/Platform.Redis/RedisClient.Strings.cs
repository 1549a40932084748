using Platform.Redis.Protocol;

namespace Platform.Redis;

public sealed partial class RedisClient
{
    /// <summary>GET: the value, or null when the key does not exist.</summary>
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Execute(["GET", key], ReplyParsers.String, cancellationToken);

    /// <summary>MGET: the values in the order of <paramref name="keys"/>, null for keys that do not exist.</summary>
    public ValueTask<string?[]> GetManyAsync(ReadOnlySpan<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Length, nameof(keys));
        return ExecuteJoined(["MGET"], keys, [], ReplyParsers.Strings, cancellationToken);
    }

    /// <summary>
    /// SET, with an optional expiry (sent as EX when it is whole seconds, PX otherwise) and condition (NX/XX).
    /// Returns false when the condition kept the value from being stored.
    /// </summary>
    public ValueTask<bool> SetAsync(
        string key, RedisArgument value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always, CancellationToken cancellationToken = default)
    {
        var arguments = new CommandArguments();
        Span<RedisArgument> command = arguments;
        command[0] = "SET";
        command[1] = key;
        command[2] = value;
        var count = 3;
        if (expiry is { } ttl)
        {
            (command[count], command[count + 1]) = ExpiryArguments(ttl, "EX", "PX");
            count += 2;
        }
        if (condition != SetCondition.Always)
        {
            command[count++] = condition == SetCondition.IfNotExists ? "NX" : "XX";
        }
        return Execute(command[..count], ReplyParsers.StoredOrNil, cancellationToken);
    }

    /// <summary>INCRBY: adds <paramref name="by"/> (a missing key counts as 0) and returns the new value.</summary>
    public ValueTask<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default) =>
        Execute(["INCRBY", key, by], ReplyParsers.Integer, cancellationToken);

    /// <summary>DECRBY: subtracts <paramref name="by"/> (a missing key counts as 0) and returns the new value.</summary>
    public ValueTask<long> DecrementAsync(string key, long by = 1, CancellationToken cancellationToken = default) =>
        Execute(["DECRBY", key, by], ReplyParsers.Integer, cancellationToken);

    /// <summary>The expiry as (seconds command, seconds) when it is whole seconds, else (milliseconds command, milliseconds).</summary>
    private static (RedisArgument Unit, RedisArgument Amount) ExpiryArguments(TimeSpan expiry, string seconds, string milliseconds)
    {
        if (expiry <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expiry), expiry, "A Redis expiry must be positive.");
        }
        return expiry.Ticks % TimeSpan.TicksPerSecond == 0
            ? (seconds, expiry.Ticks / TimeSpan.TicksPerSecond)
            // Rounded up: a sub-millisecond remainder must not expire the key early.
            : (milliseconds, (expiry.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);
    }
}
