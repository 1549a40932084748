namespace Platform.Contracts.Events.Ledger;

/// <summary>An account's balance moved; amounts in micro-coins.</summary>
public sealed record BalanceChanged(Guid AccountId, long BalanceMicroCoins, long HeldMicroCoins, DateTimeOffset ChangedAt);
