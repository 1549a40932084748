using Microsoft.Extensions.Logging;

namespace Platform.Redis.Connections;

internal static partial class RedisLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to Redis at {EndPoint} ({Purpose})")]
    public static partial void Connected(ILogger logger, string endPoint, string purpose);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Lost the {Purpose} connection to Redis at {EndPoint}: {Reason}; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string purpose, string endPoint, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not connect to Redis at {EndPoint} ({Purpose}, attempt {Attempt}): {Reason}; retrying in {DelayMs:F0} ms")]
    public static partial void ConnectFailed(ILogger logger, string endPoint, string purpose, int attempt, string reason, double delayMs);
}
