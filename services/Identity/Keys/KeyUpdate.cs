namespace Platform.Identity.Keys;

/// <summary>A validated partial update: every null member leaves its setting as it is.</summary>
internal sealed record KeyUpdate(
    string? Name = null,
    IReadOnlyList<string>? AllowedModels = null,
    bool? CheckModels = null,
    bool? Admin = null,
    bool? Search = null,
    Replacement<long?>? Quota = null,
    Replacement<DateTimeOffset?>? Expiry = null,
    IReadOnlyList<string>? AllowedIps = null,
    Replacement<int?>? RpmLimit = null,
    Replacement<int?>? TpmLimit = null)
{
    public KeySettings ApplyTo(KeySettings current) => new(
        Name ?? current.Name,
        AllowedModels ?? current.AllowedModels,
        CheckModels ?? current.CheckModels,
        Admin ?? current.Admin,
        Search ?? current.Search,
        Quota is { } quota ? quota.Value : current.QuotaMicroCoins,
        Expiry is { } expiry ? expiry.Value : current.ExpiresAt,
        AllowedIps ?? current.AllowedIps,
        RpmLimit is { } rpm ? rpm.Value : current.RpmLimit,
        TpmLimit is { } tpm ? tpm.Value : current.TpmLimit);
}
