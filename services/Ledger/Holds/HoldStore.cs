using System.Text.Json;
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
            """
            SELECT status, account_id AS AccountId, cost, charged, written_off AS WrittenOff, price_version AS PriceVersion, balance, held, replayed
            FROM ledger_settle(@requestId, @cost, @version)
            """,
            new { requestId = call.RequestId, cost = quote.CostMicroCoins, version = catalog.Version }, transaction, cancellationToken: cancellationToken))
            ?? throw new HoldNotFoundException(call.RequestId);
        switch (ParseStatus(row.Status))
        {
            case HoldStatus.Refused:
                throw new HoldStateException($"hold '{call.RequestId}' was refused for insufficient balance, so the call should not have run; nothing was settled");
            case HoldStatus.Voided:
                throw new HoldStateException($"hold '{call.RequestId}' was voided; a voided hold cannot be settled, bill the call under a new request_id");
        }

        var outcome = new SettleOutcome(row.Cost!.Value, row.Charged!.Value, row.WrittenOff!.Value, row.PriceVersion!.Value,
            new WalletBalance(row.Balance, row.Held), row.Replayed);
        if (!row.Replayed)
        {
            await InsertUsageRecordAsync(connection, transaction, call, row.AccountId, outcome, quote.Snapshot, cancellationToken);
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

    private static Task InsertUsageRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SettleCall call, Guid accountId,
        SettleOutcome outcome, PriceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var usage = call.Usage;
        return connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO usage_records (request_id, account_id, key_id, channel_id, model, prompt_tokens, completion_tokens, cached_tokens,
                cache_write_tokens, audio_input_tokens, audio_output_tokens, calls, cost, charged, written_off, price_version, price_snapshot,
                upload_ms, duration_ms, client_ip, status)
            VALUES (@RequestId, @accountId, @KeyId, @ChannelId, @model, @PromptTokens, @CompletionTokens, @CachedTokens,
                @CacheWriteTokens, @AudioInputTokens, @AudioOutputTokens, @Calls, @Cost, @Charged, @WrittenOff, @PriceVersion, @snapshot::jsonb,
                @UploadMs, @DurationMs, @clientIp::inet, @Status)
            """,
            new
            {
                call.RequestId, accountId, call.KeyId, call.ChannelId, model = usage.Model, usage.PromptTokens, usage.CompletionTokens,
                usage.CachedTokens, usage.CacheWriteTokens, usage.AudioInputTokens, usage.AudioOutputTokens, usage.Calls,
                outcome.Cost, outcome.Charged, outcome.WrittenOff, outcome.PriceVersion,
                snapshot = JsonSerializer.Serialize(snapshot, CatalogJson.Options),
                call.UploadMs, call.DurationMs, clientIp = call.ClientIp?.ToString(), call.Status,
            },
            transaction, cancellationToken: cancellationToken));
    }

    private sealed record HoldRow(string Status, Guid AccountId, long Amount, long AvailableAfter, DateTime ExpiresAt, bool Replayed);

    private sealed record SettleRow(string Status, Guid AccountId, long? Cost, long? Charged, long? WrittenOff, int? PriceVersion,
        long Balance, long Held, bool Replayed);

    private sealed record VoidRow(string Status, Guid AccountId, long Released, long Balance, long Held, bool Replayed);
}
