namespace Platform.Ledger.Recharges;

/// <summary>A provider's verified word on an order: paid or failed, for how much.</summary>
internal sealed record PaymentNotification(Guid OrderId, string ProviderReference, bool Paid, RechargeAmount Amount);
