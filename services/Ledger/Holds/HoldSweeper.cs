using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Events.Ledger;
using Platform.Messaging.Outbox;

namespace Platform.Ledger.Holds;

/// <summary>
/// Releases holds past their expiry, in batches. SKIP LOCKED lets replicas sweep side by side and never waits on a
/// hold that is being settled; wallets are locked in id order so two sweepers cannot deadlock. A hold's reservation is
/// what budget draws left of it (amount - drawn), so that is what expiry releases.
/// </summary>
internal sealed partial class HoldSweeper(NpgsqlDataSource db, OutboxWriter outbox, IOptions<HoldOptions> options, TimeProvider clock,
    ILogger<HoldSweeper> logger) : BackgroundService
{
    /// <summary>Expires one batch; returns how many holds it released.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var expired = (await connection.QueryAsync<(Guid AccountId, long Amount, int Holds)>(new CommandDefinition(
            """
            WITH due AS (
                SELECT request_id FROM holds
                WHERE status = 'active' AND expires_at <= now()
                ORDER BY expires_at
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
            ), expired AS (
                UPDATE holds h SET status = 'expired', finished_at = now()
                FROM due WHERE h.request_id = due.request_id
                RETURNING h.account_id, h.amount - h.drawn AS amount
            )
            SELECT account_id, sum(amount)::bigint, count(*)::int FROM expired GROUP BY account_id ORDER BY account_id
            """,
            new { batch = options.Value.SweepBatchSize }, transaction, cancellationToken: cancellationToken))).ToArray();
        if (expired.Length == 0)
        {
            return 0;
        }

        var ids = expired.Select(e => e.AccountId).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM accounts WHERE id = ANY(@ids) ORDER BY id FOR UPDATE", new { ids }, transaction, cancellationToken: cancellationToken));
        var wallets = await connection.QueryAsync<(Guid Id, long Balance, long Held)>(new CommandDefinition(
            """
            UPDATE accounts a SET held = a.held - r.amount
            FROM unnest(@ids, @amounts) AS r (id, amount)
            WHERE a.id = r.id
            RETURNING a.id, a.balance, a.held
            """,
            new { ids, amounts = expired.Select(e => e.Amount).ToArray() }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        foreach (var wallet in wallets)
        {
            await outbox.EnqueueAsync(transaction, new BalanceChanged(wallet.Id, wallet.Balance, wallet.Held, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        var released = expired.Sum(e => e.Holds);
        LogSwept(released, expired.Length);
        return released;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                int swept;
                do
                {
                    swept = await SweepOnceAsync(stoppingToken);
                }
                while (swept == options.Value.SweepBatchSize);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Holds} holds on {Wallets} wallets")]
    private partial void LogSwept(int holds, int wallets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hold sweep failed; retrying at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
