namespace Platform.Ledger.Recharges;

internal sealed record RechargeOrder(Guid Id, Guid UserId, string Provider, RechargeAmount Amount, RechargeOrderStatus Status,
    string ProviderReference, string CheckoutUrl, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);
