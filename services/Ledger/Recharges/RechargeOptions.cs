namespace Platform.Ledger.Recharges;

/// <summary>Configuration section <c>Ledger:Recharges</c>.</summary>
internal sealed class RechargeOptions
{
    /// <summary>An order not paid within this time is marked expired (a payment that still arrives is credited).</summary>
    public TimeSpan PendingOrderTtl { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(5);
}
