namespace Platform.Messaging.Outbox;

internal sealed record OutboxRow(long Sequence, Guid MessageId, string MessageType, string Payload, string? TraceParent);
