namespace Platform.Ledger.Recharges;

/// <summary><c>Ledger:Payments:Sandbox</c>. Without a secret the sandbox takes no orders and refuses every webhook.</summary>
internal sealed class SandboxPaymentOptions
{
    public string Secret { get; set; } = "";

    public string CheckoutBaseUrl { get; set; } = "https://sandbox.payments.invalid/checkout/";
}
