using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Management.Keys;

/// <summary>PATCH /api/v1/keys/{id}: only the fields present change; null removes a quota, expiry or limit and empties a list.</summary>
internal sealed record UpdateKeyBody
{
    public Optional<string> Name { get; init; }
    public Optional<string[]?> AllowedModels { get; init; }
    public Optional<bool> CheckModels { get; init; }
    public Optional<bool> Admin { get; init; }
    public Optional<bool> Search { get; init; }
    public Optional<long?> QuotaMicroCoins { get; init; }
    public Optional<DateTimeOffset?> ExpiresAt { get; init; }
    public Optional<string[]?> AllowedIps { get; init; }
    public Optional<int?> RpmLimit { get; init; }
    public Optional<int?> TpmLimit { get; init; }
}
