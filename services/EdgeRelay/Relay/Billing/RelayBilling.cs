using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// The edge's ledger calls: open, raise and void a wallet budget, settle finished calls in batches, and record the
/// spending of keys with a quota. Every call is idempotent (on the budget's or the call's id), so retrying after a
/// timeout is safe.
/// </summary>
internal sealed class RelayBilling(GrpcChannelProvider channels, ILogger<RelayBilling> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HoldReply> OpenAsync(string budgetId, Guid accountId, long amount, TimeSpan ttl) =>
        await Ledger().UnaryAsync<HoldRequest, HoldReply>("Hold", new HoldRequest
        {
            RequestId = budgetId, AccountId = accountId.ToString(), AmountMicroCoins = amount, TtlSeconds = (int)ttl.TotalSeconds,
        }, Options(CancellationToken.None));

    /// <summary>Raises the budget's hold to <paramref name="total"/> (a total equal to the current one only renews its expiry).</summary>
    public async Task<HoldReply> RaiseAsync(string budgetId, long total, TimeSpan ttl, CancellationToken cancellationToken) =>
        await Ledger().UnaryAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest
        {
            RequestId = budgetId, AmountMicroCoins = total, TtlSeconds = (int)ttl.TotalSeconds,
        }, Options(cancellationToken));

    public async Task VoidAsync(string budgetId)
    {
        try
        {
            await Ledger().UnaryAsync<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = budgetId }, Options(CancellationToken.None));
        }
        catch (RpcException exception)
        {
            logger.LogWarning(exception, "Voiding budget {BudgetId} failed; its hold will expire", budgetId);
        }
    }

    /// <summary>Settles calls in one ledger transaction; not cancellable (the money must be booked either way).</summary>
    public async Task<SettleBatchReply> SettleBatchAsync(SettleBatchRequest request) =>
        await Ledger().UnaryAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", request, Options(CancellationToken.None));

    public async Task RecordSpendAsync(string requestId, Guid keyId, long amount)
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
