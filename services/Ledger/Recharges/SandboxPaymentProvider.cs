using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Platform.Ledger.Recharges;

/// <summary>
/// The built-in test provider. Its webhook body is
/// <c>{"order_id":"…","reference":"…","status":"paid"|"failed","amount":"20.00","currency":"CNY"}</c>, signed with
/// <c>X-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> under <c>Ledger:Payments:Sandbox:Secret</c>.
/// </summary>
internal sealed class SandboxPaymentProvider(IOptions<SandboxPaymentOptions> options) : IPaymentProvider
{
    private const string SignaturePrefix = "sha256=";

    public string Name => "sandbox";

    public PaymentCheckout BeginCheckout(Guid orderId, RechargeAmount amount)
    {
        if (options.Value.Secret.Length == 0)
        {
            throw new PaymentProviderUnavailableException("the sandbox payment provider has no secret; set Ledger:Payments:Sandbox:Secret to use it");
        }
        return new PaymentCheckout(options.Value.CheckoutBaseUrl + orderId.ToString(), "sbx_" + Guid.NewGuid().ToString("N"));
    }

    public bool IsSigned(ReadOnlySpan<byte> body, IHeaderDictionary headers)
    {
        var secret = options.Value.Secret;
        string? header = headers["X-Signature"];
        if (secret.Length == 0 || header is null || !header.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Sign(secret, body), given);
    }

    public PaymentNotification? Read(ReadOnlySpan<byte> body)
    {
        SandboxWebhook? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize<SandboxWebhook>(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (webhook is not { Reference: not null, Amount: not null, Currency: not null }
            || webhook.Status is not ("paid" or "failed")
            || !decimal.TryParse(webhook.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || RechargeAmount.ParseCurrency(webhook.Currency) is not { } currency)
        {
            return null;
        }
        return new PaymentNotification(webhook.OrderId, webhook.Reference, webhook.Status == "paid", new RechargeAmount(amount, currency));
    }

    /// <summary>The signature the sandbox sends for <paramref name="body"/>; what a caller of the webhook computes.</summary>
    public static byte[] Sign(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    private sealed record SandboxWebhook(
        [property: JsonPropertyName("order_id")] Guid OrderId,
        [property: JsonPropertyName("reference")] string? Reference,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("amount")] string? Amount,
        [property: JsonPropertyName("currency")] string? Currency);
}
