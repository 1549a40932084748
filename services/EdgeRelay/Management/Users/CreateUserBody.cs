namespace Platform.EdgeRelay.Management.Users;

/// <summary>POST /admin/v1/users: an email, a name or both; tier "free" (default), "vip" or "premium", optionally until tier_expires_at.</summary>
internal sealed record CreateUserBody
{
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Tier { get; init; }
    public DateTimeOffset? TierExpiresAt { get; init; }
}
