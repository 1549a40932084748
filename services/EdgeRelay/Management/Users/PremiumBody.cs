namespace Platform.EdgeRelay.Management.Users;

/// <summary>PUT /admin/v1/users/{id}/premium: Premium until expires_at, or until revoked when it is left out.</summary>
internal sealed record PremiumBody
{
    public DateTimeOffset? ExpiresAt { get; init; }
}
