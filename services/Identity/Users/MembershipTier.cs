namespace Platform.Identity.Users;

/// <summary>A user's membership tier; stored (and sent by the ledger) as "free", "vip" or "premium".</summary>
internal enum MembershipTier
{
    Free,
    Vip,
    Premium,
}
