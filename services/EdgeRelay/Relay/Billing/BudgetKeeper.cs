using Microsoft.Extensions.Options;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// Sweeps the wallet budgets (renew in use, void idle) and voids them all at stop. Registered before the settle
/// queue, so it stops after it: the last settles have drawn on their budgets before those are voided.
/// </summary>
internal sealed partial class BudgetKeeper(WalletBudgets budgets, IOptions<BudgetOptions> options, ILogger<BudgetKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await budgets.SweepAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await budgets.CloseAllAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping wallet budgets failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception exception);
}
