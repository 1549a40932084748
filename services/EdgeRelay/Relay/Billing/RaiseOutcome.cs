namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>How growing a budget went: grown, refused (with what the wallet had available outside it), or the ledger was unreachable.</summary>
internal readonly record struct RaiseOutcome(RaiseResult Result, long LedgerAvailable = 0);
