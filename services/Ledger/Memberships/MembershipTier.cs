namespace Platform.Ledger.Memberships;

internal enum MembershipTier
{
    Free,
    Vip,
    Premium,
}
