using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// At most <c>limit</c> calls in flight per key across every relay instance: a sorted set of holders scored by when
/// they took their slot, in one Lua script per acquire (one round trip). A holder that never releases (a crashed
/// instance) loses its slot after the lease, so a crash cannot shrink the limit for good.
/// </summary>
public sealed class RedisConcurrencyLimiter(RedisClient redis)
{
    private static readonly RedisScript Acquire = new("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local lease = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - lease)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
            return 0
        end
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], lease)
        return 1
        """);

    /// <summary>Takes a slot of <paramref name="key"/> for <paramref name="holder"/> (unique per call) if fewer than <paramref name="limit"/> are taken.</summary>
    /// <exception cref="RedisException">Redis is unavailable or too slow; the caller decides whether to fail open.</exception>
    public ValueTask<bool> TryAcquireAsync(string key, int limit, string holder, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.FromMilliseconds(1));
        return redis.EvaluateAsync(Acquire, [key], [limit, (long)lease.TotalMilliseconds, holder], ReplyParsers.IntegerFlag, cancellationToken);
    }

    /// <summary>Gives the holder's slot back; releasing twice, or after the lease ran out, is harmless.</summary>
    public async ValueTask ReleaseAsync(string key, string holder, CancellationToken cancellationToken = default) =>
        await redis.ExecuteAsync("ZREM", [key, holder], cancellationToken);
}
