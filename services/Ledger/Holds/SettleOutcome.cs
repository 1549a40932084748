using Platform.Ledger.Accounts;

namespace Platform.Ledger.Holds;

/// <summary>
/// Cost = Charged (from the wallet) + WrittenOff (absorbed by the platform). FromBudget: the part of Charged a budget
/// draw took from its budget (the rest came from the available balance).
/// </summary>
internal sealed record SettleOutcome(long Cost, long Charged, long WrittenOff, int PriceVersion, WalletBalance Wallet, bool Replayed,
    long FromBudget = 0);
