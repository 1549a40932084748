using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// Per-wallet budgets, so a call reserves its worst case in memory instead of a ledger hold per call. A budget is one
/// ledger hold per wallet and replica: calls reserve from it under a lock, and their settles (batched) draw their
/// actual cost from it. It grows with a raise when a call does not fit (the call waits) or ahead of need when less than
/// half of the last headroom is left (nobody waits), by about twice what is in flight, never more than the wallet has:
/// the ledger's conditional reservation is still what stops an overdraft, across every replica. A budget renews its
/// hold while in use and is voided after <see cref="BudgetOptions.IdleClose"/> with nothing in flight, or at stop.
/// </summary>
internal sealed partial class WalletBudgets(RelayBilling billing, IOptions<BudgetOptions> options, TimeProvider clock, ILogger<WalletBudgets> logger)
{
    private const int MaxTries = 4;
    private readonly ConcurrentDictionary<Guid, WalletBudget> _budgets = new();

    /// <summary>Reserves <paramref name="amount"/> micro-coins of the wallet for one call; no I/O unless the budget must grow.</summary>
    public async ValueTask<ReserveOutcome> ReserveAsync(Guid accountId, long amount, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxTries; attempt++)
        {
            var budget = _budgets.GetOrAdd(accountId, static id => new WalletBudget(id));
            Task<RaiseOutcome> raising;
            lock (budget)
            {
                if (budget.Closed)
                {
                    continue;
                }
                if (budget.Available >= amount)
                {
                    budget.Reserved += amount;
                    budget.Outstanding++;
                    budget.LastUsedAt = clock.GetTimestamp();
                    if (budget.Raising is null && budget.Available < budget.Headroom / 2)
                    {
                        budget.Raising = StartRaise(budget, amount, waiting: false);
                    }
                    return new ReserveOutcome(new BudgetReservation(budget, amount));
                }
                raising = budget.Raising ??= StartRaise(budget, amount, waiting: true);
            }
            var outcome = await raising.WaitAsync(cancellationToken);
            switch (outcome.Result)
            {
                case RaiseResult.Unavailable:
                    return new ReserveOutcome(null, BillingUnavailable: true);
                case RaiseResult.InsufficientBalance:
                    var inBudget = Math.Max(0, AvailableOf(budget));
                    if (amount > inBudget + outcome.LedgerAvailable)
                    {
                        return new ReserveOutcome(null, Available: inBudget + outcome.LedgerAvailable);
                    }
                    break; // the raise was sized for another call: try again
            }
        }
        return new ReserveOutcome(null, Available: 0);
    }

    /// <summary>The call did not run (or was not billable): its reservation goes back to the budget.</summary>
    public void Cancel(BudgetReservation reservation) => Finish(reservation, drawn: 0);

    /// <summary>The ledger booked the call, <paramref name="drawn"/> of it out of the budget.</summary>
    public void Settled(BudgetReservation reservation, long drawn) => Finish(reservation, drawn);

    private void Finish(BudgetReservation reservation, long drawn)
    {
        var budget = reservation.Budget;
        lock (budget)
        {
            budget.Reserved -= reservation.Amount;
            budget.Drawn += drawn;
            budget.Outstanding--;
            budget.LastUsedAt = clock.GetTimestamp();
        }
    }

    /// <summary>Renews budgets in use and voids idle ones.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var budget in _budgets.Values)
        {
            bool close, renew;
            long total;
            lock (budget)
            {
                var busy = budget.Closed || budget.Raising is not null;
                close = !busy && budget.Outstanding == 0 && clock.GetElapsedTime(budget.LastUsedAt) >= options.Value.IdleClose;
                renew = !busy && !close && budget.Opened && clock.GetElapsedTime(budget.RenewedAt) >= options.Value.Ttl / 3;
                total = budget.Amount;
                // Closed under the same lock as the check, so no call can reserve from it between the two.
                budget.Closed |= close;
            }
            if (close)
            {
                await CloseAsync(budget);
            }
            else if (renew)
            {
                await RenewAsync(budget, total, cancellationToken);
            }
        }
    }

    /// <summary>Voids every budget (at stop, after the settles drained), so no wallet keeps coins locked until the holds expire.</summary>
    public async Task CloseAllAsync()
    {
        foreach (var budget in _budgets.Values)
        {
            await CloseAsync(budget);
        }
    }

    private async Task CloseAsync(WalletBudget budget)
    {
        Retire(budget);
        if (budget.Opened)
        {
            await billing.VoidAsync(budget.Id);
        }
    }

    /// <summary>Takes the budget out of service: the next call of its wallet opens a new one.</summary>
    private void Retire(WalletBudget budget)
    {
        lock (budget)
        {
            budget.Closed = true;
        }
        _budgets.TryRemove(new KeyValuePair<Guid, WalletBudget>(budget.AccountId, budget));
    }

    private async Task RenewAsync(WalletBudget budget, long total, CancellationToken cancellationToken)
    {
        try
        {
            await billing.RaiseAsync(budget.Id, total, options.Value.Ttl, cancellationToken);
            lock (budget)
            {
                budget.RenewedAt = clock.GetTimestamp();
            }
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
        {
            // The hold lapsed (the ledger expired it): calls open a new budget; settles in flight draw from the wallet.
            LogBudgetLost(budget.Id, exception.Detail);
            Retire(budget);
        }
        catch (RpcException exception)
        {
            LogRenewFailed(exception, budget.Id);
        }
    }

    private static long AvailableOf(WalletBudget budget)
    {
        lock (budget)
        {
            return budget.Available;
        }
    }

    // Started under the budget's lock: the ledger call itself runs outside it.
    private Task<RaiseOutcome> StartRaise(WalletBudget budget, long amount, bool waiting) => Task.Run(() => RaiseAsync(budget, amount, waiting));

    /// <summary>
    /// Grows the budget by what the waiting call lacks (nothing for a top-up ahead of need) plus headroom: twice what is
    /// in flight, between <see cref="BudgetOptions.MinHeadroomCalls"/> and <see cref="BudgetOptions.MaxHeadroomCalls"/>
    /// calls like this one, and never less than the last headroom for a top-up.
    /// </summary>
    private async Task<RaiseOutcome> RaiseAsync(WalletBudget budget, long amount, bool waiting)
    {
        long need, headroom, amountBefore;
        bool opened;
        lock (budget)
        {
            var perCall = Math.Max(amount, 1);
            need = waiting ? Math.Max(0, amount - budget.Available) : 0;
            headroom = Math.Clamp(2 * (budget.Reserved + (waiting ? amount : 0)), options.Value.MinHeadroomCalls * perCall, options.Value.MaxHeadroomCalls * perCall);
            if (!waiting)
            {
                headroom = Math.Max(headroom, budget.Headroom);
            }
            amountBefore = budget.Amount;
            opened = budget.Opened;
        }
        var outcome = new RaiseOutcome(RaiseResult.Unavailable);
        try
        {
            outcome = await GrowAsync(budget, opened, amountBefore, need + headroom, headroom);
            if (outcome.Result == RaiseResult.InsufficientBalance && outcome.LedgerAvailable >= need && outcome.LedgerAvailable > 0)
            {
                // Less than the headroom is left in the wallet: take all of it if the call fits.
                outcome = await GrowAsync(budget, opened, amountBefore, outcome.LedgerAvailable, outcome.LedgerAvailable - need);
            }
        }
        catch (RpcException exception)
        {
            LogRaiseFailed(exception, budget.Id);
        }
        finally
        {
            lock (budget)
            {
                budget.Raising = null;
            }
        }
        return outcome;
    }

    private async Task<RaiseOutcome> GrowAsync(WalletBudget budget, bool opened, long amountBefore, long increment, long headroom)
    {
        var ttl = options.Value.Ttl;
        var reply = opened
            ? await billing.RaiseAsync(budget.Id, amountBefore + increment, ttl, CancellationToken.None)
            : await billing.OpenAsync(budget.Id, budget.AccountId, increment, ttl);
        lock (budget)
        {
            if (reply.Result != HoldResult.Held)
            {
                if (!budget.Opened)
                {
                    budget.Id = WalletBudget.NewId(); // the refused hold's id cannot be held again
                }
                return new RaiseOutcome(RaiseResult.InsufficientBalance, reply.AvailableMicroCoins);
            }
            budget.Opened = true;
            budget.Amount = Math.Max(budget.Amount, reply.AmountMicroCoins);
            budget.Headroom = headroom;
            budget.RenewedAt = clock.GetTimestamp();
            return new RaiseOutcome(RaiseResult.Raised);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Growing budget {BudgetId} failed; calls that needed it are refused with 503")]
    private partial void LogRaiseFailed(Exception exception, string budgetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing budget {BudgetId} failed; the next sweep tries again")]
    private partial void LogRenewFailed(Exception exception, string budgetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Budget {BudgetId} is no longer held by the ledger ({Detail}); the next call opens a new one")]
    private partial void LogBudgetLost(string budgetId, string detail);
}
