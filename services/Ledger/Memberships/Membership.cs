namespace Platform.Ledger.Memberships;

/// <summary>
/// What a user's tier is derived from: VIP earned by recharges (<see cref="VipRules"/>) and an operator's Premium grant
/// (no expiry when <see cref="PremiumExpiresAt"/> is null). Premium overrides VIP while it lasts; VIP shows again after.
/// </summary>
internal sealed record Membership(DateTimeOffset? VipExpiresAt, DateTimeOffset? PremiumGrantedAt, DateTimeOffset? PremiumExpiresAt)
{
    public static readonly Membership None = new(null, null, null);

    public MembershipStatus At(DateTimeOffset now) =>
        PremiumGrantedAt is not null && (PremiumExpiresAt is null || PremiumExpiresAt > now) ? new MembershipStatus(MembershipTier.Premium, PremiumExpiresAt)
        : VipExpiresAt > now ? new MembershipStatus(MembershipTier.Vip, VipExpiresAt)
        : new MembershipStatus(MembershipTier.Free, null);
}
