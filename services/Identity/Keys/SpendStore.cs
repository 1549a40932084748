using Dapper;
using Npgsql;
using Platform.Contracts.Events.Identity;
using Platform.Messaging.Outbox;

namespace Platform.Identity.Keys;

/// <summary>
/// Keys' spending against their quotas, recorded once per settled call. Only the spend that uses up a quota publishes
/// ApiKeyChanged (caches must learn that the key now refuses); the others change nothing a cache holds beyond the figure.
/// </summary>
internal sealed class SpendStore(NpgsqlDataSource db, OutboxWriter outbox, TimeProvider clock)
{
    /// <exception cref="ApiKeyNotFoundException">No such key.</exception>
    /// <exception cref="SpendRequestReusedException">The request was recorded with another key or amount.</exception>
    public async Task<SpendOutcome> RecordAsync(Guid keyId, string requestId, long amount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A concurrent call with the same request_id waits on the primary key, then inserts nothing and reads the first.
        var added = await connection.QuerySingleOrDefaultAsync<AddedRow>(new CommandDefinition(
            """
            WITH spend AS (
                INSERT INTO key_spends (request_id, key_id, amount_micro_coins, recorded_at)
                SELECT @requestId, id, @amount, @now FROM api_keys WHERE id = @keyId
                ON CONFLICT (request_id) DO NOTHING
                RETURNING key_id, amount_micro_coins)
            UPDATE api_keys k SET spent_micro_coins = k.spent_micro_coins + s.amount_micro_coins
            FROM spend s WHERE k.id = s.key_id
            RETURNING k.user_id AS UserId, k.spent_micro_coins AS Spent, k.quota_micro_coins AS Quota
            """,
            new { keyId, requestId, amount, now }, transaction, cancellationToken: cancellationToken));
        if (added is null)
        {
            var first = await connection.QuerySingleOrDefaultAsync<RecordedRow>(new CommandDefinition(
                """
                SELECT s.key_id AS KeyId, s.amount_micro_coins AS Amount, k.spent_micro_coins AS Spent, k.quota_micro_coins AS Quota
                FROM key_spends s JOIN api_keys k ON k.id = s.key_id WHERE s.request_id = @requestId
                """,
                new { requestId }, transaction, cancellationToken: cancellationToken))
                ?? throw new ApiKeyNotFoundException(keyId);
            return first.KeyId == keyId && first.Amount == amount
                ? new SpendOutcome(first.Spent, first.Quota, Replayed: true)
                : throw new SpendRequestReusedException(requestId, first.KeyId, first.Amount);
        }
        if (added.Quota is { } quota && added.Spent - amount < quota && added.Spent >= quota)
        {
            await outbox.EnqueueAsync(transaction, new ApiKeyChanged(keyId, added.UserId, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SpendOutcome(added.Spent, added.Quota, Replayed: false);
    }

    private sealed record AddedRow(Guid UserId, long Spent, long? Quota);

    private sealed record RecordedRow(Guid KeyId, long Amount, long Spent, long? Quota);
}
