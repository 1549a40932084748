namespace Platform.Ledger.Accounts;

/// <summary>Where credited coins come from; each source is a platform account on the other side of the entry.</summary>
internal enum CreditSourceKind
{
    Payment,
    Operator,
}
