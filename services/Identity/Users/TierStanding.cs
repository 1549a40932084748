namespace Platform.Identity.Users;

/// <summary>A tier and when it lapses (null: no end). Nothing is written when a tier lapses, so read it with <see cref="At"/>.</summary>
internal readonly record struct TierStanding(MembershipTier Tier, DateTimeOffset? ExpiresAt)
{
    public static readonly TierStanding Free = new(MembershipTier.Free, null);

    /// <summary>The standing at <paramref name="now"/>: free once the expiry has passed.</summary>
    public TierStanding At(DateTimeOffset now) => ExpiresAt <= now ? Free : this;

    public string StoredName => Tier.ToString().ToLowerInvariant();

    public static MembershipTier Parse(string stored) => stored switch
    {
        "free" => MembershipTier.Free,
        "vip" => MembershipTier.Vip,
        "premium" => MembershipTier.Premium,
        _ => throw new FormatException($"'{stored}' is not a tier; expected free, vip or premium"),
    };
}
