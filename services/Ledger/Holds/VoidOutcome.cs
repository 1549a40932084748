using Platform.Ledger.Accounts;

namespace Platform.Ledger.Holds;

/// <summary>Status is the hold's state after the call: Voided, or why nothing was released (Settled, Expired, Refused).</summary>
internal sealed record VoidOutcome(HoldStatus Status, long Released, WalletBalance Wallet, bool Replayed);
