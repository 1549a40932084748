namespace Platform.EdgeRelay.Relay.Limits;

/// <summary>Configuration section <c>Edge:Limits</c>: requests per minute by membership tier (the reference's numbers), calls in flight per key.</summary>
internal sealed class LimitOptions
{
    public int FreeRpm { get; set; } = 60;

    public int VipRpm { get; set; } = 1_000;

    public int PremiumRpm { get; set; } = 10_000;

    /// <summary>Calls one key may have in flight at once, across replicas.</summary>
    public int ConcurrentCallsPerKey { get; set; } = 64;

    /// <summary>How long a call holds its slot at most (as long as a hold lives, so a crashed replica's slots come back).</summary>
    public TimeSpan SlotLease { get; set; } = TimeSpan.FromMinutes(15);
}
