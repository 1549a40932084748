namespace Platform.Ledger.Recharges;

/// <summary>The provider cannot take orders in this deployment (not configured).</summary>
internal sealed class PaymentProviderUnavailableException(string message) : Exception(message);
