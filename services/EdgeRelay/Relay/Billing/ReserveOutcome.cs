namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>A call's reservation, or why there is none: the wallet cannot cover it (what it has) or billing is unreachable.</summary>
internal readonly record struct ReserveOutcome(BudgetReservation? Reservation, bool BillingUnavailable = false, long Available = 0);
