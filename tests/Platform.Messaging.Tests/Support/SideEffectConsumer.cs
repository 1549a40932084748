using Dapper;
using MassTransit;
using Npgsql;
using Platform.Messaging.Inbox;

namespace Platform.Messaging.Tests.Support;

/// <summary>Records one side_effects row per handled message; a duplicate side effect would be a second row.</summary>
public sealed class SideEffectConsumer<TMessage>(NpgsqlDataSource dataSource) : InboxConsumer<TMessage>(dataSource)
    where TMessage : class, INumberedEvent
{
    protected override Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction) =>
        transaction.Connection!.ExecuteAsync(
            "INSERT INTO side_effects (message_id, number) VALUES (@messageId, @number)",
            new { messageId = context.MessageId, number = context.Message.Number },
            transaction);
}
