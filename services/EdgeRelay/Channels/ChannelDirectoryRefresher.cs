using Microsoft.Extensions.Options;

namespace Platform.EdgeRelay.Channels;

/// <summary>
/// Loads the <see cref="ChannelDirectory"/> before the edge serves (a failure stops the start, as a missing database
/// does), then reloads it every <see cref="ChannelOptions.ReloadInterval"/> in case a <c>ChannelChanged</c> was missed.
/// </summary>
internal sealed partial class ChannelDirectoryRefresher(ChannelDirectory directory, IOptions<ChannelOptions> options, TimeProvider clock,
    ILogger<ChannelDirectoryRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await directory.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReloadInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await directory.ReloadAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReloadFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the channels; the edge keeps routing with the ones it has")]
    private partial void LogReloadFailed(Exception exception);
}
