using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// The generic cell rate algorithm in one Lua script: a key holds the theoretical arrival time (TAT) of the next
/// request, in microseconds of the server's clock (so every relay instance shares one clock). A request is allowed
/// costing n units (1 for a request, its tokens for a token limit) is allowed when TAT + n intervals - window is not after now,
/// and then moves TAT n intervals on; a burst of exactly <c>limit</c> units fits in a window.
/// Whole microseconds keep the arithmetic exact in Lua's doubles.
/// </summary>
internal static class GcraScript
{
    public static readonly RedisScript Script = new("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local limit = tonumber(ARGV[1])
        local cost = tonumber(ARGV[3])
        local interval = math.max(1, math.ceil(tonumber(ARGV[2]) / limit))
        local window = limit * interval
        local tat = tonumber(redis.call('GET', KEYS[1])) or now
        if tat < now then
            tat = now
        end
        local next_tat = tat + cost * interval
        local allow_at = next_tat - window
        if now < allow_at then
            return {0, 0, allow_at - now}
        end
        redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000))
        return {1, math.floor((now + window - next_tat) / interval), 0}
        """);

    /// <summary>The script's {allowed, remaining, retry-after in microseconds}, read without allocating.</summary>
    public static RateLimitResult Parse(ref RespReader reader)
    {
        if (reader.ReadArrayLength() != 3)
        {
            throw new RedisException("The rate limit script returned an unexpected reply; is another script cached under its SHA1?");
        }
        var allowed = reader.ReadInteger() == 1;
        var remaining = reader.ReadInteger();
        var retryAfter = TimeSpan.FromTicks(reader.ReadInteger() * TimeSpan.TicksPerMicrosecond);
        return new RateLimitResult(allowed, remaining, retryAfter);
    }
}
