using Dapper;
using MassTransit;
using Npgsql;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer whose side effect happens once per message, however often RabbitMQ redelivers it or the outbox
/// publishes it again. <see cref="ConsumeOnceAsync"/> runs in a transaction that also records (message id,
/// <see cref="ConsumerName"/>) in the <c>inbox</c> table, and is skipped when that row already exists. Write the side
/// effect through the transaction given (an <c>OutboxWriter</c> may enqueue follow-up events in it too); throw to roll
/// both back, and the message is retried and finally moved to the endpoint's <c>_error</c> queue.
/// </summary>
/// <typeparam name="TMessage">The event consumed.</typeparam>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    /// <summary>
    /// The consumer's key in the inbox; the type name by default. Keep it stable: a new name makes messages this
    /// consumer already handled look new.
    /// </summary>
    protected virtual string ConsumerName => GetType().Name;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"a {typeof(TMessage).Name} arrived without a MessageId, so the inbox cannot recognise a repeat");
        var cancellationToken = context.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A concurrent delivery of the same message waits here for the first one's transaction, then finds the row.
        var first = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox (message_id, consumer) VALUES (@messageId, @consumer) ON CONFLICT DO NOTHING",
            new { messageId, consumer = ConsumerName },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (!first)
        {
            return;
        }

        await ConsumeOnceAsync(context, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Performs the side effect of <paramref name="context"/>'s message within <paramref name="transaction"/>.</summary>
    protected abstract Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction);
}
