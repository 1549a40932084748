namespace Platform.Ledger.Memberships;

internal readonly record struct PaidRecharge(DateTimeOffset PaidAt, long MicroCoins);
