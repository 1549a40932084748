using Microsoft.Extensions.Options;
using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Errors;
using Platform.Redis;
using Platform.Redis.RateLimiting;

namespace Platform.EdgeRelay.Relay.Limits;

/// <summary>
/// Requests per minute, counted in Redis so every replica shares them: the key's own limit when it has one, and the
/// user's tier limit across all of the user's keys. If Redis cannot answer, calls are let through (and logged): a
/// limiter outage should not take the relay down with it.
/// </summary>
internal sealed partial class CallLimits(RedisRateLimiter limiter, RedisConcurrencyLimiter slots, IOptions<LimitOptions> options, ILogger<CallLimits> logger)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Admits the call or says why not; an admitted call holds one of its key's slots until <see cref="ReleaseAsync"/>.
    /// <paramref name="tokens"/> is the most the call may use (prompt estimate + output cap), counted against the key's
    /// tokens per minute up front, as OpenAI counts <c>max_tokens</c>.
    /// </summary>
    public async ValueTask<IResult?> AdmitAsync(EdgePrincipal principal, string requestId, long tokens, CancellationToken cancellationToken)
    {
        if (await RateAsync(principal, tokens, cancellationToken) is { } limited)
        {
            return limited;
        }
        try
        {
            return await slots.TryAcquireAsync(SlotKey(principal), options.Value.ConcurrentCallsPerKey, requestId, options.Value.SlotLease, cancellationToken)
                ? null
                : OpenAiError.TooManyRequests(
                    $"this key already has {options.Value.ConcurrentCallsPerKey} calls in flight; wait for one to finish or spread the load over more keys",
                    TimeSpan.FromSeconds(1), "concurrency_limit_exceeded");
        }
        catch (RedisException exception)
        {
            LogLimiterUnavailable(exception);
            return null;
        }
    }

    public async ValueTask ReleaseAsync(EdgePrincipal principal, string requestId)
    {
        try
        {
            await slots.ReleaseAsync(SlotKey(principal), requestId);
        }
        catch (RedisException exception)
        {
            LogLimiterUnavailable(exception); // the slot's lease frees it
        }
    }

    private static string SlotKey(EdgePrincipal principal) => $"calls:key:{principal.KeyId:N}";

    private async ValueTask<IResult?> RateAsync(EdgePrincipal principal, long tokens, CancellationToken cancellationToken)
    {
        try
        {
            if (principal.Principal.HasTpmLimit && principal.KeyId is { } tpmKey && tokens > 0)
            {
                var limit = principal.Principal.TpmLimit;
                if (tokens > limit)
                {
                    return OpenAiError.Create(StatusCodes.Status429TooManyRequests,
                        $"this call may use up to {tokens} tokens, more than this key's limit of {limit} tokens per minute; lower max_tokens or raise tpm_limit with PATCH /api/v1/keys/{tpmKey}",
                        "tokens", null, "tokens_exceed_limit");
                }
                var spent = await limiter.AcquireAsync($"tpm:key:{tpmKey:N}", limit, Minute, tokens, cancellationToken);
                if (!spent.Allowed)
                {
                    return OpenAiError.TooManyRequests(
                        $"this key's limit of {limit} tokens per minute is reached (this call may use {tokens}); retry after the Retry-After seconds or raise tpm_limit",
                        spent.RetryAfter, "tokens_limit_exceeded");
                }
            }
            if (principal.Principal.HasRpmLimit && principal.KeyId is { } keyId)
            {
                var key = await limiter.AcquireAsync($"rpm:key:{keyId:N}", principal.Principal.RpmLimit, Minute, cancellationToken);
                if (!key.Allowed)
                {
                    return OpenAiError.TooManyRequests(
                        $"this key's limit of {principal.Principal.RpmLimit} requests per minute is reached; retry after the Retry-After seconds or raise rpm_limit with PATCH /api/v1/keys/{keyId}",
                        key.RetryAfter);
                }
            }
            var tierLimit = TierRpm(principal.Principal.Tier);
            var user = await limiter.AcquireAsync($"rpm:user:{principal.UserId:N}", tierLimit, Minute, cancellationToken);
            return user.Allowed
                ? null
                : OpenAiError.TooManyRequests(
                    $"your {principal.Principal.Tier.ToString().ToLowerInvariant()} tier allows {tierLimit} requests per minute; retry after the Retry-After seconds, or recharge for VIP (1,000 per minute)",
                    user.RetryAfter);
        }
        catch (RedisException exception)
        {
            LogLimiterUnavailable(exception);
            return null;
        }
    }

    private int TierRpm(UserTier tier) => tier switch
    {
        UserTier.Premium => options.Value.PremiumRpm,
        UserTier.Vip => options.Value.VipRpm,
        _ => options.Value.FreeRpm,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis limiter unavailable; letting the call through")]
    private partial void LogLimiterUnavailable(Exception exception);
}
