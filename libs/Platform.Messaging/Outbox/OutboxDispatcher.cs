using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes pending outbox rows in sequence order and marks them sent, a batch per transaction. A batch holds a
/// transaction-level advisory lock, so among replicas one batch runs at a time: no row is published by two replicas
/// at once and the order survives scale-out (FOR UPDATE SKIP LOCKED would let a second replica overtake the first).
/// A crash or stop before the batch commits leaves its rows pending, so they are published again (at least once); when
/// a publish fails, the rows confirmed before it are kept as sent and the rest wait, in order, for the next attempt.
/// </summary>
internal sealed class OutboxDispatcher(NpgsqlDataSource dataSource, IBus bus, IOptions<MessagingOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    // Advisory locks are scoped to the database: one key per service database. ASCII "PlatOutb".
    private const long LockKey = 0x506C_6174_4F75_7462;

    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var notifications = new OutboxNotifications(dataSource);
        try
        {
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await notifications.ListenAsync(stoppingToken);
                    var published = await DispatchBatchAsync(stoppingToken);
                    failures = 0;
                    if (published < _options.OutboxBatchSize)
                    {
                        await notifications.WaitAsync(_options.OutboxPollInterval, stoppingToken);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, failures++)));
                    OutboxLog.DispatchFailed(logger, delay, exception);
                    await notifications.DisposeAsync();
                    await Task.Delay(delay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await notifications.DisposeAsync();
        }
    }

    /// <summary>Publishes one batch; returns how many rows it sent (0 when another replica holds the lock).</summary>
    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_xact_lock(@LockKey)", new { LockKey }, transaction, cancellationToken: cancellationToken));
        if (!locked)
        {
            return 0;
        }

        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT sequence, message_id AS MessageId, message_type AS MessageType, payload::text AS Payload, trace_parent AS TraceParent
            FROM outbox WHERE sent_at IS NULL ORDER BY sequence LIMIT @BatchSize
            """,
            new { BatchSize = _options.OutboxBatchSize },
            transaction,
            cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
        {
            return 0;
        }

        // One at a time, each awaiting its publisher confirm: concurrent publishes were three times faster but reached
        // the broker out of order, since MassTransit does not keep the order of concurrent calls.
        var published = 0;
        try
        {
            foreach (var row in rows)
            {
                await PublishAsync(row, cancellationToken);
                published++;
            }
        }
        catch (Exception) when (published > 0 && !cancellationToken.IsCancellationRequested)
        {
            // Keep what the broker confirmed, so that a row that cannot be published (an unknown type, a broker
            // failure) does not send the rows before it again on every retry. Stopping is treated like a crash.
            await MarkSentAsync(transaction, rows.Take(published), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            throw;
        }

        await MarkSentAsync(transaction, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        OutboxLog.Published(logger, rows.Count, rows[^1].Sequence);
        return rows.Count;
    }

    private static Task MarkSentAsync(NpgsqlTransaction transaction, IEnumerable<OutboxRow> rows, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET sent_at = now() WHERE sequence = ANY(@Sequences)",
            new { Sequences = rows.Select(row => row.Sequence).ToArray() },
            transaction,
            cancellationToken: cancellationToken));

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var type = MessageTypeNames.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, type, OutboxJson.Options)!;
        // Continues the trace of the request that wrote the event, so its consumers show up under that request.
        using var activity = MessagingTelemetry.Source.StartActivity("outbox publish", ActivityKind.Internal, row.TraceParent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        await bus.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.MessageId), cancellationToken);
    }
}
