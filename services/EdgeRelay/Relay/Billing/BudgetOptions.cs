namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>Configuration section <c>Edge:Budgets</c>: how the edge's per-wallet budgets grow, live and close.</summary>
internal sealed class BudgetOptions
{
    /// <summary>The least headroom a raise asks for, in calls like the one that needed it.</summary>
    public int MinHeadroomCalls { get; set; } = 16;

    /// <summary>The most headroom a raise asks for, in such calls: a budget never locks far more than the traffic needs.</summary>
    public int MaxHeadroomCalls { get; set; } = 512;

    /// <summary>The budget hold's expiry, renewed while it is in use; a crashed replica's budget is released after it.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A budget with nothing in flight for this long is voided, giving its rest back to the wallet.</summary>
    public TimeSpan IdleClose { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often budgets are checked for renewal and idleness.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(5);
}
