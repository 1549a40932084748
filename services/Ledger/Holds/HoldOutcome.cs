namespace Platform.Ledger.Holds;

/// <summary>A hold's first answer: Active (held) or Refused (insufficient balance); a replay returns it again.</summary>
internal sealed record HoldOutcome(HoldStatus Status, long Amount, long AvailableAfter, DateTimeOffset ExpiresAt, bool Replayed);
