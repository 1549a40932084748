namespace Platform.Contracts.Events.Ledger;

/// <summary>A user's tier (free, vip, premium) changed, from a recharge or an operator; sets rate limits elsewhere.</summary>
public sealed record MembershipChanged(Guid UserId, string Tier, DateTimeOffset? ExpiresAt, DateTimeOffset ChangedAt);
