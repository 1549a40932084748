namespace Platform.Ledger.Recharges;

/// <summary>Where the user pays, and the provider's name for the payment (echoed by its webhook).</summary>
internal sealed record PaymentCheckout(string Url, string ProviderReference);
