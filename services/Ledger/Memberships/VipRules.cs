using Platform.Ledger.Recharges;

namespace Platform.Ledger.Memberships;

/// <summary>
/// VIP from recharge history, as the reference FAQ states it: one recharge of at least 20 CNY gives one month of VIP
/// from its payment; recharges adding up to at least 40 CNY within six months give six months counted from the first
/// payment of that window (20 CNY, expired, then another 20 CNY within the six months: VIP until six months after the
/// first). Every payment starts a window. Amounts compare in micro-coins, so USD recharges count at their exact coin value.
/// </summary>
internal static class VipRules
{
    public static readonly long OneMonthMinimum = RechargeAmount.ToMicroCoins(20m, RechargeCurrency.Cny);
    public static readonly long SixMonthsMinimum = RechargeAmount.ToMicroCoins(40m, RechargeCurrency.Cny);

    /// <summary>The end of the latest VIP period earned by <paramref name="paid"/>, or null when none qualifies.</summary>
    public static DateTimeOffset? ExpiresAt(IReadOnlyCollection<PaidRecharge> paid)
    {
        DateTimeOffset? expiresAt = null;
        foreach (var first in paid)
        {
            if (first.MicroCoins >= OneMonthMinimum)
            {
                expiresAt = Later(expiresAt, first.PaidAt.AddMonths(1));
            }
            var windowEnd = first.PaidAt.AddMonths(6);
            var inWindow = paid.Where(p => p.PaidAt >= first.PaidAt && p.PaidAt < windowEnd).Sum(p => p.MicroCoins);
            if (inWindow >= SixMonthsMinimum)
            {
                expiresAt = Later(expiresAt, windowEnd);
            }
        }
        return expiresAt;
    }

    private static DateTimeOffset Later(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value > candidate ? value : candidate;
}
