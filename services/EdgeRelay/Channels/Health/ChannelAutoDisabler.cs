using System.Text.Json;
using Platform.EdgeRelay.Channels.Storage;

namespace Platform.EdgeRelay.Channels.Health;

/// <summary>Disables in the database the channels <see cref="ChannelHealth"/> gives up on; <see cref="ChannelProbe"/> re-enables them.</summary>
internal sealed partial class ChannelAutoDisabler(ChannelHealth health, ChannelStore store, ILogger<ChannelAutoDisabler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            AutoDisableRequest request;
            try
            {
                request = await health.NextToDisableAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var reason = $"auto: {request.ConsecutiveFailures} consecutive failures (last: {Name(request.LastFailure)})";
            try
            {
                if (await store.AutoDisableAsync(request.ChannelId, request.ConsecutiveFailures, reason, stoppingToken))
                {
                    LogDisabled(request.ChannelId, reason);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The breaker keeps the channel out meanwhile, and the request comes again after more failures.
                LogFailed(exception, request.ChannelId);
            }
        }
    }

    private static string Name(ChannelFailure failure) => JsonNamingPolicy.SnakeCaseLower.ConvertName(failure.ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabled channel {ChannelId}: {Reason}; it is probed and re-enabled when it answers again")]
    private partial void LogDisabled(Guid channelId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not disable failing channel {ChannelId}")]
    private partial void LogFailed(Exception exception, Guid channelId);
}
