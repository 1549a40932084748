namespace Platform.Ledger.Recharges;

/// <summary>A payment provider: starts a checkout for an order and reads its signed webhook.</summary>
internal interface IPaymentProvider
{
    /// <summary>The route segment of its webhook (<c>/webhooks/payments/{name}</c>) and the orders' provider column.</summary>
    string Name { get; }

    PaymentCheckout BeginCheckout(Guid orderId, RechargeAmount amount);

    /// <summary>True when the request was signed by the provider; compared in constant time.</summary>
    bool IsSigned(ReadOnlySpan<byte> body, IHeaderDictionary headers);

    /// <summary>The notification in a signed body, or null when the body is not one.</summary>
    PaymentNotification? Read(ReadOnlySpan<byte> body);
}
