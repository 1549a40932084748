using System.Text.Json.Serialization;
using Platform.Contracts.Identity.V1;

namespace Platform.EdgeRelay.Management.Keys;

/// <summary>A key as its owner sees it; <see cref="Key"/> (the secret) only in the answer to its creation.</summary>
internal sealed record KeyView(
    string? Key,
    Guid Id,
    string Name,
    string Display,
    IReadOnlyList<string> AllowedModels,
    bool CheckModels,
    bool Admin,
    bool Search,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? QuotaMicroCoins,
    long SpentMicroCoins,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ExpiresAt,
    IReadOnlyList<string> AllowedIps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RpmLimit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? TpmLimit,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static KeyView From(ApiKey key, string? secret = null) => new(
        secret,
        Guid.Parse(key.KeyId),
        key.Name,
        $"{key.DisplayPrefix}...{key.LastFour}",
        [.. key.AllowedModels],
        key.CheckModels,
        key.Admin,
        key.Search,
        key.HasQuotaMicroCoins ? key.QuotaMicroCoins : null,
        key.SpentMicroCoins,
        key.ExpiresAt.ToNullable(),
        [.. key.AllowedIps],
        key.HasRpmLimit ? key.RpmLimit : null,
        key.HasTpmLimit ? key.TpmLimit : null,
        key.CreatedAt.ToDateTimeOffset(),
        key.UpdatedAt.ToDateTimeOffset());
}
