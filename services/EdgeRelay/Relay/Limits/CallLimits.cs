using Microsoft.Extensions.Options;
using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Errors;
using Platform.Redis;
using Platform.Redis.RateLimiting;

namespace Platform.EdgeRelay.Relay.Limits;

/// <summary>
/// Per-minute limits and calls in flight, counted in Redis so every replica shares them: the key's own tokens and
/// requests per minute when it has them, the user's tier limit across all of the user's keys, and the key's slots,
/// all in one round trip. If Redis cannot answer, calls are let through (and logged): a limiter outage should not
/// take the relay down with it.
/// </summary>
internal sealed partial class CallLimits(RedisAdmission admission, RedisConcurrencyLimiter slots, IOptions<LimitOptions> options, ILogger<CallLimits> logger)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Admits the call or says why not; an admitted call holds one of its key's slots until <see cref="ReleaseAsync"/>.
    /// <paramref name="tokens"/> is the most the call may use (prompt estimate + output cap), counted against the key's
    /// tokens per minute up front, as OpenAI counts <c>max_tokens</c>. A refused call counts against no limit.
    /// </summary>
    public async ValueTask<IResult?> AdmitAsync(EdgePrincipal principal, string requestId, long tokens, CancellationToken cancellationToken)
    {
        var limits = principal.Principal;
        var countsTokens = limits.HasTpmLimit && principal.KeyId is not null && tokens > 0;
        if (countsTokens && tokens > limits.TpmLimit)
        {
            return OpenAiError.Create(StatusCodes.Status429TooManyRequests,
                $"this call may use up to {tokens} tokens, more than this key's limit of {limits.TpmLimit} tokens per minute; lower max_tokens or raise tpm_limit with PATCH /api/v1/keys/{principal.KeyId}",
                "tokens", null, "tokens_exceed_limit");
        }
        var countsKeyRequests = limits.HasRpmLimit && principal.KeyId is not null;
        try
        {
            var result = await TryAdmitAsync(principal, requestId, tokens, countsTokens, countsKeyRequests, cancellationToken);
            return result.Admitted ? null : Refusal(principal, tokens, countsTokens, countsKeyRequests, result);
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

    /// <summary>The checks, in the order <see cref="Refusal"/> reads the refused index back: key tokens, key requests, tier requests, then the slot.</summary>
    private ValueTask<AdmissionResult> TryAdmitAsync(
        EdgePrincipal principal, string requestId, long tokens, bool countsTokens, bool countsKeyRequests, CancellationToken cancellationToken)
    {
        var limits = principal.Principal;
        Span<RateLimitCheck> rates = [default, default, default];
        var count = 0;
        if (countsTokens)
        {
            rates[count++] = new($"tpm:key:{principal.KeyId:N}", limits.TpmLimit, Minute, tokens);
        }
        if (countsKeyRequests)
        {
            rates[count++] = new($"rpm:key:{principal.KeyId:N}", limits.RpmLimit, Minute);
        }
        rates[count++] = new($"rpm:user:{principal.UserId:N}", TierRpm(limits.Tier), Minute);
        var slot = new ConcurrencySlot(SlotKey(principal), options.Value.ConcurrentCallsPerKey, requestId, options.Value.SlotLease);
        return admission.TryAdmitAsync(rates[..count], slot, cancellationToken);
    }

    private IResult Refusal(EdgePrincipal principal, long tokens, bool countsTokens, bool countsKeyRequests, AdmissionResult result)
    {
        var limits = principal.Principal;
        // Counts down through the checks that were sent, skipping those that were not.
        var index = result.RefusedIndex;
        if (countsTokens && index-- == 0)
        {
            return OpenAiError.TooManyRequests(
                $"this key's limit of {limits.TpmLimit} tokens per minute is reached (this call may use {tokens}); retry after the Retry-After seconds or raise tpm_limit",
                result.RetryAfter, "tokens_limit_exceeded");
        }
        if (countsKeyRequests && index-- == 0)
        {
            return OpenAiError.TooManyRequests(
                $"this key's limit of {limits.RpmLimit} requests per minute is reached; retry after the Retry-After seconds or raise rpm_limit with PATCH /api/v1/keys/{principal.KeyId}",
                result.RetryAfter);
        }
        if (index == 0)
        {
            return OpenAiError.TooManyRequests(
                $"your {limits.Tier.ToString().ToLowerInvariant()} tier allows {TierRpm(limits.Tier)} requests per minute; retry after the Retry-After seconds, or recharge for VIP (1,000 per minute)",
                result.RetryAfter);
        }
        return OpenAiError.TooManyRequests(
            $"this key already has {options.Value.ConcurrentCallsPerKey} calls in flight; wait for one to finish or spread the load over more keys",
            TimeSpan.FromSeconds(1), "concurrency_limit_exceeded");
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
