namespace Platform.Ledger.Accounts;

/// <summary>The platform's own accounts (seeded by migration 0001); their balances are sums of postings.</summary>
internal static class PlatformAccounts
{
    public static readonly Guid Revenue = new("00000000-0000-0000-0000-000000000001");
    public static readonly Guid PaymentClearing = new("00000000-0000-0000-0000-000000000002");
    public static readonly Guid OperatorGrants = new("00000000-0000-0000-0000-000000000003");
    public static readonly Guid WriteOffs = new("00000000-0000-0000-0000-000000000004");

    public static bool Contains(Guid id) => id == Revenue || id == PaymentClearing || id == OperatorGrants || id == WriteOffs;
}
