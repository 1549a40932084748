namespace Platform.Ledger.Holds;

/// <summary>One SettleBatch item: settled (or replayed), or the reason it could not be, which fails that item alone.</summary>
internal sealed record SettleItemOutcome(SettleOutcome? Settled, string? Error)
{
    public static SettleItemOutcome Failed(string error) => new(null, error);
}
