namespace Platform.Ledger.Recharges;

internal enum RechargeOrderStatus
{
    Pending,
    Paid,
    Failed,
    Expired,
}
