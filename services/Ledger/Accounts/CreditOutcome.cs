namespace Platform.Ledger.Accounts;

internal sealed record CreditOutcome(Guid AccountId, Guid SourceAccountId, long Amount, WalletBalance Wallet, bool Replayed);
