using System.Text.Json;

namespace Platform.Messaging.Outbox;

internal static class OutboxJson
{
    // Only the outbox reads what it writes, so any stable options do; MassTransit serialises again when publishing.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
