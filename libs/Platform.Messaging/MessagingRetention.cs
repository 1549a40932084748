using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Messaging;

/// <summary>Deletes sent outbox rows and inbox rows older than <see cref="MessagingOptions.Retention"/>, hourly.</summary>
internal sealed partial class MessagingRetention(NpgsqlDataSource dataSource, IOptions<MessagingOptions> options, ILogger<MessagingRetention> logger)
    : BackgroundService
{
    private readonly TimeSpan _retention = options.Value.Retention;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await DeleteExpiredAsync(stoppingToken);
                }
                catch (NpgsqlException exception)
                {
                    CleanupFailed(logger, _retention, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes what has expired; pending outbox rows are never deleted. Every replica runs this: twice is harmless.</summary>
    internal async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM outbox WHERE sent_at < now() - @retention;
            DELETE FROM inbox WHERE received_at < now() - @retention
            """,
            new { retention = _retention },
            commandTimeout: 0,
            cancellationToken: cancellationToken));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Deleting outbox and inbox rows older than {Retention} failed; retried in an hour")]
    private static partial void CleanupFailed(ILogger logger, TimeSpan retention, Exception exception);
}
