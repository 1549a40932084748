using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Events.Ledger;
using Platform.Ledger.Accounts;
using Platform.Ledger.Pricing;
using Platform.Messaging.Outbox;
using Platform.Pricing;

namespace Platform.Ledger.Holds;

/// <summary>
/// Hold, Settle, Void and Renew. Each is one call of a SQL function (migration 0002) that decides and writes
/// atomically; this class adds pricing, the usage record and the BalanceChanged event in the same transaction.
/// Holds publish no event: they change what is available, not the balance.
/// </summary>
internal sealed class HoldStore(NpgsqlDataSource db, PriceCatalogCache prices, OutboxWriter outbox, IOptions<HoldOptions> options, TimeProvider clock)
{
    public async Task<HoldOutcome> HoldAsync(string requestId, Guid accountId, long amount, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<HoldRow>(new CommandDefinition(
            """
            SELECT status, account_id AS AccountId, amount, available_after AS AvailableAfter, expires_at AS ExpiresAt, replayed
            FROM ledger_hold(@requestId, @accountId, @amount, @ttl)
            """,
            new { requestId, accountId, amount, ttl = ttl ?? options.Value.DefaultTtl }, cancellationToken: cancellationToken));
        if (row.Replayed && (row.AccountId != accountId || row.Amount != amount))
        {
            throw new RequestIdReusedException(
                $"request_id '{requestId}' already holds {row.Amount} micro-coins on account {row.AccountId}; a replay must repeat the same account and amount, a new call needs a new request_id");
        }
        return new HoldOutcome(ParseStatus(row.Status), row.Amount, row.AvailableAfter, new DateTimeOffset(row.ExpiresAt), row.Replayed);
    }

    public async Task<SettleOutcome> SettleAsync(SettleCall call, CancellationToken cancellationToken)
    {
        var catalog = await prices.CurrentAsync(cancellationToken);
        var quote = PriceCalculator.Calculate(catalog, call.Usage, clock.GetUtcNow());

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SettleRow>(new CommandDefinition(
            $"SELECT {SettleRow.Columns} FROM ledger_settle(@requestId, @cost, @version)",
            new { requestId = call.RequestId, cost = quote.CostMicroCoins, version = catalog.Version }, transaction, cancellationToken: cancellationToken))
            ?? throw new HoldNotFoundException(call.RequestId);
        if (row.Refusal(call.RequestId) is { } refusal)
        {
            throw new HoldStateException(refusal);
        }

        var outcome = row.ToOutcome();
        if (!row.Replayed)
        {
            await UsageRecordWriter.InsertAsync(transaction, [new SettledUsage(call, row.AccountId, outcome, quote.Snapshot)], cancellationToken);
            await outbox.EnqueueAsync(transaction, new BalanceChanged(row.AccountId, row.Balance, row.Held, clock.GetUtcNow()), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    public async Task<VoidOutcome> VoidAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VoidRow>(new CommandDefinition(
            "SELECT status, account_id AS AccountId, released, balance, held, replayed FROM ledger_void(@requestId)",
            new { requestId }, transaction, cancellationToken: cancellationToken))
            ?? throw new HoldNotFoundException(requestId);
        if (!row.Replayed)
        {
            await outbox.EnqueueAsync(transaction, new BalanceChanged(row.AccountId, row.Balance, row.Held, clock.GetUtcNow()), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new VoidOutcome(ParseStatus(row.Status), row.Released, new WalletBalance(row.Balance, row.Held), row.Replayed);
    }

    public async Task<DateTimeOffset> RenewAsync(string requestId, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var renewed = await connection.QuerySingleOrDefaultAsync<(DateTime? ExpiresAt, string? Status)>(new CommandDefinition(
            """
            WITH renewed AS (
                UPDATE holds SET expires_at = now() + @ttl WHERE request_id = @requestId AND status = 'active' RETURNING expires_at
            )
            SELECT (SELECT expires_at FROM renewed), (SELECT status FROM holds WHERE request_id = @requestId)
            """,
            new { requestId, ttl = ttl ?? options.Value.DefaultTtl }, cancellationToken: cancellationToken));
        return renewed switch
        {
            ({ } expiresAt, _) => new DateTimeOffset(expiresAt),
            (null, null) => throw new HoldNotFoundException(requestId),
            (null, { } status) => throw new HoldStateException($"hold '{requestId}' is {status}; only an active hold can be renewed"),
        };
    }

    internal static HoldStatus ParseStatus(string status) => status switch
    {
        "active" => HoldStatus.Active,
        "refused" => HoldStatus.Refused,
        "settled" => HoldStatus.Settled,
        "voided" => HoldStatus.Voided,
        "expired" => HoldStatus.Expired,
        _ => throw new InvalidOperationException($"unknown hold status '{status}' in the database"),
    };

    private sealed record HoldRow(string Status, Guid AccountId, long Amount, long AvailableAfter, DateTime ExpiresAt, bool Replayed);

    private sealed record VoidRow(string Status, Guid AccountId, long Released, long Balance, long Held, bool Replayed);
}
