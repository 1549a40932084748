using Platform.Redis.Protocol;

namespace Platform.Redis;

public sealed partial class RedisClient
{
    /// <summary>HSET of one field: true when the field is new, false when an existing value was replaced.</summary>
    public ValueTask<bool> HashSetAsync(string key, string field, RedisArgument value, CancellationToken cancellationToken = default) =>
        Execute(["HSET", key, field, value], ReplyParsers.IntegerFlag, cancellationToken);

    /// <summary>HGET: the field's value, or null when the key or the field does not exist.</summary>
    public ValueTask<string?> HashGetAsync(string key, string field, CancellationToken cancellationToken = default) =>
        Execute(["HGET", key, field], ReplyParsers.String, cancellationToken);

    /// <summary>HGETALL: every field and value (empty when the key does not exist).</summary>
    public ValueTask<Dictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default) =>
        Execute(["HGETALL", key], ReplyParsers.Hash, cancellationToken);

    /// <summary>HINCRBY: adds <paramref name="by"/> to the field (a missing one counts as 0) and returns the new value.</summary>
    public ValueTask<long> HashIncrementAsync(string key, string field, long by = 1, CancellationToken cancellationToken = default) =>
        Execute(["HINCRBY", key, field, by], ReplyParsers.Integer, cancellationToken);
}
