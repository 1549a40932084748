namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>One call's share of a wallet budget: the worst case it may cost, given back or drawn when it settles.</summary>
internal sealed record BudgetReservation(WalletBudget Budget, long Amount);
