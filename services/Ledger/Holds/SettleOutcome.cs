using Platform.Ledger.Accounts;

namespace Platform.Ledger.Holds;

/// <summary>Cost = Charged (from the wallet) + WrittenOff (absorbed by the platform).</summary>
internal sealed record SettleOutcome(long Cost, long Charged, long WrittenOff, int PriceVersion, WalletBalance Wallet, bool Replayed);
