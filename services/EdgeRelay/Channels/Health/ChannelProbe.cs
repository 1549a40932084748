using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Channels.Storage;

namespace Platform.EdgeRelay.Channels.Health;

/// <summary>
/// Every <see cref="ChannelOptions.ProbeInterval"/>, checks the channels the health monitor disabled and re-enables those
/// that answer again (which publishes <c>ChannelChanged</c>). Channels an operator disabled are never touched. Every
/// replica probes: a GET per auto-disabled channel per interval is cheap, and needs no coordination.
/// </summary>
internal sealed partial class ChannelProbe(ChannelStore store, ChannelCheck check, IOptions<ChannelOptions> options, TimeProvider clock,
    ILogger<ChannelProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ProbeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ChannelRecord> channels;
        try
        {
            channels = await store.ListAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogListFailed(exception);
            return;
        }
        foreach (var channel in channels.Where(channel => channel.DisabledBy == DisabledBy.Auto))
        {
            try
            {
                var result = await check.RunAsync(channel, cancellationToken);
                if (!result.Ok)
                {
                    LogStillFailing(channel.Id, channel.Settings.Name, result.Error);
                }
                else if (await store.AutoEnableAsync(channel.Id, cancellationToken))
                {
                    LogReEnabled(channel.Id, channel.Settings.Name);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogProbeFailed(exception, channel.Id, channel.Settings.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-enabled channel {ChannelId} ({ChannelName}): it answers again")]
    private partial void LogReEnabled(Guid channelId, string channelName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Channel {ChannelId} ({ChannelName}) stays disabled: {Error}")]
    private partial void LogStillFailing(Guid channelId, string channelName, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not probe channel {ChannelId} ({ChannelName})")]
    private partial void LogProbeFailed(Exception exception, Guid channelId, string channelName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the channels to probe")]
    private partial void LogListFailed(Exception exception);
}
