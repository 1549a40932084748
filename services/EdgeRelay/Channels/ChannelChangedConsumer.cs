using MassTransit;
using Platform.Contracts.Events.Relay;

namespace Platform.EdgeRelay.Channels;

/// <summary>
/// Reloads the directory when any replica changed a channel. Every replica has its own temporary queue (see
/// ChannelServiceExtensions), so each one hears every event; reloading twice is harmless, so no inbox is needed.
/// </summary>
internal sealed partial class ChannelChangedConsumer(ChannelDirectory directory, ILogger<ChannelChangedConsumer> logger) : IConsumer<ChannelChanged>
{
    public async Task Consume(ConsumeContext<ChannelChanged> context)
    {
        try
        {
            await directory.ReloadAsync(context.CancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not retried through an error queue (a temporary queue's would outlive it): the periodic reload catches up.
            LogReloadFailed(exception, context.Message.ChannelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the channels after channel {ChannelId} changed; the periodic reload will")]
    private partial void LogReloadFailed(Exception exception, Guid channelId);
}
