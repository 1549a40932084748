using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Ledger.Recharges;

/// <summary>Marks unpaid orders older than the configured time as expired, so order lists do not show them as payable forever.</summary>
internal sealed partial class RechargeOrderExpirer(RechargeStore store, IOptions<RechargeOptions> options, TimeProvider clock,
    ILogger<RechargeOrderExpirer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, clock);
        do
        {
            try
            {
                var expired = await store.ExpirePendingAsync(clock.GetUtcNow() - options.Value.PendingOrderTtl, stoppingToken);
                if (expired > 0)
                {
                    LogExpired(expired);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogExpiryFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Orders} unpaid recharge orders")]
    private partial void LogExpired(int orders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring unpaid recharge orders failed; retrying at the next interval")]
    private partial void LogExpiryFailed(Exception exception);
}
