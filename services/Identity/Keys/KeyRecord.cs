namespace Platform.Identity.Keys;

/// <summary>A stored, unrevoked key as its owner may see it: never the secret or its hash.</summary>
internal sealed record KeyRecord(
    Guid Id,
    Guid UserId,
    KeySettings Settings,
    string DisplayPrefix,
    string LastFour,
    long SpentMicroCoins,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
