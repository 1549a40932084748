using Platform.Redis.Protocol;

namespace Platform.Redis.RateLimiting;

/// <summary>
/// Every limit of one call in one Lua script: check them all in order, and only when all pass, update them all.
/// A rate is the generic cell rate algorithm: its key holds the theoretical arrival time (TAT) of the next unit, in
/// microseconds of the server's clock (so every relay instance shares one clock); n units (1 for a request, its
/// tokens for a token limit) are allowed when TAT + n intervals - window is not after now, and then move TAT n
/// intervals on, so a burst of exactly <c>limit</c> units fits in a window. Whole microseconds keep the arithmetic
/// exact in Lua's doubles. A slot is a member of a sorted set scored by the millisecond it was taken; members older
/// than the lease no longer count. The checks only read, so a refusal leaves every key as it was.
/// </summary>
/// <remarks>
/// KEYS: the rate keys, then the slot key when there is one. ARGV: the number of rates, then limit, window (µs) and
/// cost per rate, then the slot's limit, lease (ms) and holder. Reply: {refused index or -1, the first rate's
/// remaining units, retry-after in µs}; the slot's index is the number of rates. A key given twice counts twice.
/// </remarks>
internal static class AdmissionScript
{
    public static readonly RedisScript Script = new("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local rates = tonumber(ARGV[1])
        local tats = {}
        local remaining = 0
        for i = 1, rates do
            local limit = tonumber(ARGV[3 * i - 1])
            local interval = math.max(1, math.ceil(tonumber(ARGV[3 * i]) / limit))
            local window = limit * interval
            local tat = tats[KEYS[i]] or tonumber(redis.call('GET', KEYS[i])) or now
            if tat < now then
                tat = now
            end
            local next_tat = tat + tonumber(ARGV[3 * i + 1]) * interval
            local allow_at = next_tat - window
            if now < allow_at then
                return {i - 1, 0, allow_at - now}
            end
            tats[KEYS[i]] = next_tat
            if i == 1 then
                remaining = math.floor((now + window - next_tat) / interval)
            end
        end
        local slot = KEYS[rates + 1]
        if slot then
            local now_ms = math.floor(now / 1000)
            local lease = tonumber(ARGV[3 * rates + 3])
            if redis.call('ZCOUNT', slot, string.format('(%.0f', now_ms - lease), '+inf') >= tonumber(ARGV[3 * rates + 2]) then
                return {rates, 0, 0}
            end
            redis.call('ZREMRANGEBYSCORE', slot, '-inf', now_ms - lease)
            redis.call('ZADD', slot, now_ms, ARGV[3 * rates + 4])
            redis.call('PEXPIRE', slot, lease)
        end
        for key, tat in pairs(tats) do
            redis.call('SET', key, string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000))
        end
        return {-1, remaining, 0}
        """);

    /// <summary>The script's reply, read without allocating.</summary>
    public static AdmissionResult Parse(ref RespReader reader)
    {
        if (reader.ReadArrayLength() != 3)
        {
            throw new RedisException("The admission script returned an unexpected reply; is another script cached under its SHA1?");
        }
        var refusedIndex = (int)reader.ReadInteger();
        var remaining = reader.ReadInteger();
        var retryAfter = TimeSpan.FromTicks(reader.ReadInteger() * TimeSpan.TicksPerMicrosecond);
        return new AdmissionResult(refusedIndex, remaining, retryAfter);
    }
}
