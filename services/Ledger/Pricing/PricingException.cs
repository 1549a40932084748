namespace Platform.Ledger.Pricing;

/// <summary>A usage that cannot be priced as given; the message says what to change.</summary>
internal sealed class PricingException(string message) : Exception(message);
