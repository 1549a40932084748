namespace Platform.Pricing;

/// <summary>A usage that cannot be priced as given; the message says what to change.</summary>
public sealed class PricingException(string message) : Exception(message);
