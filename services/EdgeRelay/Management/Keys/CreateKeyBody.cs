namespace Platform.EdgeRelay.Management.Keys;

/// <summary>POST /api/v1/keys. Left out: no allow-list check, not admin, no search, no quota, no expiry, any IP, tier limits.</summary>
internal sealed record CreateKeyBody
{
    public string? Name { get; init; }
    public string[]? AllowedModels { get; init; }
    public bool CheckModels { get; init; }
    public bool Admin { get; init; }
    public bool Search { get; init; }
    public long? QuotaMicroCoins { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string[]? AllowedIps { get; init; }
    public int? RpmLimit { get; init; }
    public int? TpmLimit { get; init; }
}
