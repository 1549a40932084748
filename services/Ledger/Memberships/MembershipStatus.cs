namespace Platform.Ledger.Memberships;

/// <summary>The tier a user has at one moment and when it lapses (null: Free, or Premium until revoked).</summary>
internal readonly record struct MembershipStatus(MembershipTier Tier, DateTimeOffset? ExpiresAt);
