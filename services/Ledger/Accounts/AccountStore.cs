using Dapper;
using Npgsql;
using Platform.Contracts.Events.Ledger;
using Platform.Messaging.Outbox;

namespace Platform.Ledger.Accounts;

/// <summary>Wallet balances and credits. A wallet is opened explicitly or by its first credit; before that it reads as zero.</summary>
internal sealed class AccountStore(NpgsqlDataSource db, OutboxWriter outbox, TimeProvider clock)
{
    /// <summary>Creates an empty wallet; false when it already existed (a platform account id is refused by the caller).</summary>
    public async Task<bool> OpenAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (id, kind, balance, held) VALUES (@accountId, 'wallet', 0, 0) ON CONFLICT (id) DO NOTHING",
            new { accountId }, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    public async Task<WalletBalance> GetBalanceAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Balance, long Held)?>(new CommandDefinition(
            "SELECT balance, held FROM accounts WHERE id = @accountId AND kind = 'wallet'",
            new { accountId }, cancellationToken: cancellationToken));
        return row is { } found ? new WalletBalance(found.Balance, found.Held) : default;
    }

    public async Task<CreditOutcome> CreditAsync(string requestId, Guid accountId, long amount, CreditSourceKind source, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await CreditAsync(transaction, requestId, accountId, amount, source, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>The same credit inside the caller's transaction, for a change that must commit with it (a paid recharge order).</summary>
    public async Task<CreditOutcome> CreditAsync(NpgsqlTransaction transaction, string requestId, Guid accountId, long amount, CreditSourceKind source,
        CancellationToken cancellationToken)
    {
        var sourceAccount = source == CreditSourceKind.Payment ? PlatformAccounts.PaymentClearing : PlatformAccounts.OperatorGrants;
        var row = await transaction.Connection!.QuerySingleAsync<CreditRow>(new CommandDefinition(
            """
            SELECT account_id AS AccountId, source_account_id AS SourceAccountId, amount, balance, held, replayed
            FROM ledger_credit(@requestId, @accountId, @sourceAccount, @amount)
            """,
            new { requestId, accountId, sourceAccount, amount }, transaction, cancellationToken: cancellationToken));
        if (row.Replayed && (row.AccountId != accountId || row.SourceAccountId != sourceAccount || row.Amount != amount))
        {
            throw new RequestIdReusedException(
                $"request_id '{requestId}' already credited {row.Amount} micro-coins to account {row.AccountId} from another source or amount; use a new request_id for a new credit");
        }
        if (!row.Replayed)
        {
            await outbox.EnqueueAsync(transaction, new BalanceChanged(accountId, row.Balance, row.Held, clock.GetUtcNow()), cancellationToken);
        }
        return new CreditOutcome(row.AccountId, row.SourceAccountId, row.Amount, new WalletBalance(row.Balance, row.Held), row.Replayed);
    }

    private sealed record CreditRow(Guid AccountId, Guid SourceAccountId, long Amount, long Balance, long Held, bool Replayed);
}
