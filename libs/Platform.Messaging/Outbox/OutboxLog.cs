using Microsoft.Extensions.Logging;

namespace Platform.Messaging.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Published {Count} outbox messages up to sequence {Sequence}")]
    public static partial void Published(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Outbox dispatch failed; unsent rows stay pending and are retried in {Delay}")]
    public static partial void DispatchFailed(ILogger logger, TimeSpan delay, Exception exception);
}
