namespace Platform.EdgeRelay.Management.Recharges;

/// <summary>POST /api/v1/recharges: amount as a decimal string ("20", "2.72"), currency CNY or USD, provider (default sandbox).</summary>
internal sealed record CreateRechargeBody
{
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public string? Provider { get; init; }
}
