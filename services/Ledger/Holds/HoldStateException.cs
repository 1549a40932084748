namespace Platform.Ledger.Holds;

/// <summary>The hold exists but its state does not allow the operation (settling a voided hold, renewing a settled one).</summary>
internal sealed class HoldStateException(string message) : Exception(message);
