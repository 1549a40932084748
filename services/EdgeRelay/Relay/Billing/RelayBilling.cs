using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// The ledger calls around one relayed call: Hold before the upstream, then Settle or Void; and the key's spending for
/// keys with a quota. Every call is idempotent on the relay's request id, so retrying one after a timeout is safe.
/// </summary>
internal sealed class RelayBilling(GrpcChannelProvider channels, ILogger<RelayBilling> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HoldReply> HoldAsync(string requestId, EdgePrincipal principal, string model, long promptTokens, long completionTokens,
        CancellationToken cancellationToken) =>
        await Ledger().UnaryAsync<HoldRequest, HoldReply>("Hold", new HoldRequest
        {
            RequestId = requestId,
            AccountId = principal.Principal.UserId,
            Usage = new Usage { Model = model, PromptTokens = promptTokens, CompletionTokens = completionTokens },
        }, Options(cancellationToken));

    /// <summary>Settles with what the call used; not cancellable by the client (its money must be booked either way).</summary>
    public async Task<SettleReply?> SettleAsync(string requestId, EdgePrincipal principal, string model, ReportedUsage usage, Guid? channelId,
        int uploadMs, int durationMs, string? clientIp, string status)
    {
        try
        {
            var reply = await Ledger().UnaryAsync<SettleRequest, SettleReply>("Settle", new SettleRequest
            {
                RequestId = requestId,
                Usage = new Usage
                {
                    Model = model,
                    PromptTokens = usage.PromptTokens,
                    CompletionTokens = usage.CompletionTokens,
                    CachedTokens = Math.Min(usage.CachedTokens, usage.PromptTokens),
                    AudioInputTokens = Math.Min(usage.AudioInputTokens, Math.Max(0, usage.PromptTokens - usage.CachedTokens)),
                    AudioOutputTokens = Math.Min(usage.AudioOutputTokens, usage.CompletionTokens),
                },
                KeyId = principal.KeyId?.ToString() ?? "",
                ChannelId = channelId?.ToString() ?? "",
                UploadMs = uploadMs,
                DurationMs = durationMs,
                ClientIp = clientIp ?? "",
                Status = status,
            }, Options(CancellationToken.None));
            if (principal.Principal.HasQuotaMicroCoins && principal.KeyId is { } keyId && reply.ChargedMicroCoins > 0)
            {
                _ = RecordSpendAsync(requestId, keyId, reply.ChargedMicroCoins);
            }
            return reply;
        }
        catch (RpcException exception)
        {
            // The hold stays and expires: the sweeper releases it, so a lost settle never takes more than was held.
            logger.LogError(exception, "Settle of {RequestId} failed; its hold will expire", requestId);
            return null;
        }
    }

    public async Task VoidAsync(string requestId)
    {
        try
        {
            await Ledger().UnaryAsync<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = requestId }, Options(CancellationToken.None));
        }
        catch (RpcException exception)
        {
            logger.LogWarning(exception, "Void of {RequestId} failed; its hold will expire", requestId);
        }
    }

    private async Task RecordSpendAsync(string requestId, Guid keyId, long amount)
    {
        try
        {
            await channels.CreateCaller("identity", KeysReflection.Descriptor.Services[0]).UnaryAsync<RecordSpendRequest, RecordSpendReply>("RecordSpend",
                new RecordSpendRequest { RequestId = requestId, KeyId = keyId.ToString(), AmountMicroCoins = amount }, Options(CancellationToken.None));
        }
        catch (RpcException exception)
        {
            logger.LogWarning(exception, "Recording the spend of {RequestId} on key {KeyId} failed", requestId, keyId);
        }
    }

    private GrpcCaller Ledger() => channels.CreateCaller("ledger", LedgerReflection.Descriptor.Services[0]);

    private static CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + Timeout, idempotent: true, cancellationToken: cancellationToken);
}
