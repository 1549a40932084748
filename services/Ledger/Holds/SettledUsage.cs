using Platform.Pricing;

namespace Platform.Ledger.Holds;

/// <summary>A newly settled call, as its usage record stores it.</summary>
internal sealed record SettledUsage(SettleCall Call, Guid AccountId, SettleOutcome Outcome, PriceSnapshot Snapshot);
