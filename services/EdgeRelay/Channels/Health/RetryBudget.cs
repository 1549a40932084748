using Microsoft.Extensions.Options;

namespace Platform.EdgeRelay.Channels.Health;

/// <summary>
/// Keeps retries to about <see cref="ChannelOptions.RetryRatio"/> of requests, so that failover cannot multiply the load
/// on upstreams that are already failing. A token bucket in thousandths of a retry (integers: 100 deposits of 0.1 make
/// exactly 10 retries): each request deposits, each retry withdraws one, the balance is capped and starts full.
/// </summary>
internal sealed class RetryBudget
{
    private const long RetryCost = 1_000;
    private readonly long _deposit;
    private readonly long _cap;
    private long _balance;

    public RetryBudget(IOptions<ChannelOptions> options)
    {
        _deposit = (long)Math.Round(options.Value.RetryRatio * RetryCost);
        _cap = options.Value.RetryBudgetCap * RetryCost;
        _balance = _cap;
    }

    /// <summary>Call once per client request (not per attempt): earns the fraction of a retry.</summary>
    public void Deposit()
    {
        long balance, updated;
        do
        {
            balance = Volatile.Read(ref _balance);
            updated = Math.Min(balance + _deposit, _cap);
        }
        while (balance != updated && Interlocked.CompareExchange(ref _balance, updated, balance) != balance);
    }

    /// <summary>Call before each retry (a second or third attempt); false means answer with the last failure instead.</summary>
    public bool TryRetry()
    {
        long balance;
        do
        {
            balance = Volatile.Read(ref _balance);
            if (balance < RetryCost)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _balance, balance - RetryCost, balance) != balance);
        return true;
    }
}
