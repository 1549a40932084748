namespace Platform.Identity.Keys;

/// <summary>What an owner decides about a key, validated: patterns well formed, CIDRs canonical, limits positive.</summary>
internal sealed record KeySettings(
    string Name,
    IReadOnlyList<string> AllowedModels,
    bool CheckModels,
    bool Admin,
    bool Search,
    long? QuotaMicroCoins,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> AllowedIps,
    int? RpmLimit,
    int? TpmLimit);
