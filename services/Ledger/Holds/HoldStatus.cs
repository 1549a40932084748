namespace Platform.Ledger.Holds;

internal enum HoldStatus
{
    Active,
    Refused,
    Settled,
    Voided,
    Expired,
}
