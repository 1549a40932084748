using Dapper;
using Npgsql;

namespace Platform.Ledger.Usage;

/// <summary>
/// Keeps the monthly partitions of usage_records three months ahead, so a settlement never meets a month without a
/// partition. Any replica may run it: creating an existing partition is skipped.
/// </summary>
internal sealed partial class UsagePartitionMaintainer(NpgsqlDataSource db, TimeProvider clock, ILogger<UsagePartitionMaintainer> logger)
    : BackgroundService
{
    private const int MonthsAhead = 3;

    public async Task<int> EnsurePartitionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT ensure_usage_partitions(@MonthsAhead)", new { MonthsAhead }, cancellationToken: cancellationToken));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        do
        {
            try
            {
                var created = await EnsurePartitionsAsync(stoppingToken);
                if (created > 0)
                {
                    LogCreated(created);
                }
            }
            catch (NpgsqlException exception)
            {
                LogFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Partitions} usage_records partitions")]
    private partial void LogCreated(int partitions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create usage_records partitions; settlements fail once the current ones run out")]
    private partial void LogFailed(Exception exception);
}
