using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Writes integration events into the service's <c>outbox</c> table, inside the transaction of the state change they
/// describe: the event is published if and only if that transaction commits (at least once; consumers dedupe by
/// message id). Enqueue after the change the event describes, so that its place in the publish order follows it.
/// </summary>
public sealed class OutboxWriter
{
    internal const string Channel = "platform_outbox";

    /// <summary>Adds <paramref name="message"/> to the outbox within <paramref name="transaction"/>.</summary>
    /// <returns>The message id consumers will see as <c>ConsumeContext.MessageId</c>.</returns>
    public async Task<Guid> EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken = default)
        where T : class
    {
        var connection = transaction.Connection
            ?? throw new InvalidOperationException("the transaction has already completed: enqueue the event before committing");
        var messageId = Guid.CreateVersion7();
        var type = message.GetType();
        // NOTIFY is delivered at commit and dropped on rollback, so it wakes the dispatcher exactly when there is work.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO outbox (message_id, message_type, payload, trace_parent) VALUES (@messageId, @messageType, @payload::jsonb, @traceParent);
            NOTIFY {Channel}
            """,
            new
            {
                messageId,
                messageType = MessageTypeNames.NameOf(type),
                payload = JsonSerializer.Serialize(message, type, OutboxJson.Options),
                traceParent = Activity.Current?.Id,
            },
            transaction,
            cancellationToken: cancellationToken));
        return messageId;
    }
}
