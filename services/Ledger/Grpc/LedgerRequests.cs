using System.Net;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Ledger.Accounts;
using Platform.Ledger.Holds;
using Platform.Ledger.Pricing;
using Platform.Pricing;

namespace Platform.Ledger.Grpc;

/// <summary>Checks and converts request fields; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class LedgerRequests
{
    private const int MaxRequestIdLength = 200;
    private const int MaxBatchItems = 1_000;
    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    public static RpcException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    public static string RequestId(string requestId) =>
        requestId.Length is > 0 and <= MaxRequestIdLength
            ? requestId
            : throw Invalid($"request_id must be 1 to {MaxRequestIdLength} characters; the caller picks one per call and repeats it on retries");

    public static Guid Wallet(string accountId)
    {
        if (!Guid.TryParse(accountId, out var id))
        {
            throw Invalid($"account_id '{accountId}' is not a UUID; pass the user's id");
        }
        return PlatformAccounts.Contains(id)
            ? throw Invalid($"account_id {id} is a platform account; holds, balances and credits are for user wallets")
            : id;
    }

    /// <summary>Null (the configured default) for 0.</summary>
    public static TimeSpan? Ttl(int seconds) => seconds switch
    {
        0 => null,
        > 0 when TimeSpan.FromSeconds(seconds) <= MaxTtl => TimeSpan.FromSeconds(seconds),
        _ => throw Invalid($"ttl_seconds must be 1 to {MaxTtl.TotalSeconds} (0 for the default of 15 minutes), not {seconds}; renew a long call instead"),
    };

    public static int? Milliseconds(int value, string field) =>
        value >= 0 ? value : throw Invalid($"{field} cannot be negative ({value})");

    public static IPAddress? ClientIp(string value) =>
        value.Length == 0 ? null
        : IPAddress.TryParse(value, out var address) ? address
        : throw Invalid($"client_ip '{value}' is not an IPv4 or IPv6 address; leave it empty when unknown");

    /// <summary>A Settle, or a SettleBatch item: with budget_id, a draw from that budget.</summary>
    public static SettleCall SettleCall(SettleRequest request) => new(
        RequestId(request.RequestId),
        Usage(request.Usage),
        NullIfEmpty(request.KeyId),
        NullIfEmpty(request.ChannelId),
        Milliseconds(request.UploadMs, "upload_ms"),
        Milliseconds(request.DurationMs, "duration_ms"),
        ClientIp(request.ClientIp),
        NullIfEmpty(request.Status) ?? "ok",
        request.BudgetId.Length switch
        {
            0 => null,
            <= MaxRequestIdLength => request.BudgetId,
            _ => throw Invalid($"budget_id must be at most {MaxRequestIdLength} characters: the request_id the budget was opened with"),
        });

    /// <summary>Every item checked as Settle checks it; a refusal names the item.</summary>
    public static SettleCall[] SettleBatch(SettleBatchRequest request)
    {
        if (request.Items.Count is 0 or > MaxBatchItems)
        {
            throw Invalid($"a batch has 1 to {MaxBatchItems} items, not {request.Items.Count}; split a larger one");
        }
        var calls = new SettleCall[request.Items.Count];
        var seen = new Dictionary<string, int>(request.Items.Count);
        for (var i = 0; i < calls.Length; i++)
        {
            try
            {
                calls[i] = SettleCall(request.Items[i]);
            }
            catch (RpcException exception)
            {
                throw Invalid($"items[{i}]: {exception.Detail}");
            }
            if (!seen.TryAdd(calls[i].RequestId, i))
            {
                throw Invalid($"items[{i}]: request_id '{calls[i].RequestId}' is also items[{seen[calls[i].RequestId]}]'s; each call is settled once per batch");
            }
        }
        return calls;
    }

    public static TokenUsage Usage(Contracts.Ledger.V1.Usage? usage)
    {
        if (usage is null || usage.Model.Length == 0)
        {
            throw Invalid("usage.model is required: the model the call was billed for");
        }
        return new TokenUsage(usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.CachedTokens, usage.CacheWriteTokens,
            usage.AudioInputTokens, usage.AudioOutputTokens, usage.Calls);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
