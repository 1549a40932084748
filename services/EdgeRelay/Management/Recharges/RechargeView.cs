using System.Text.Json.Serialization;
using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Recharges;

/// <summary>A recharge order: pay at checkout_url; once paid, micro_coins are credited and status is "paid".</summary>
internal sealed record RechargeView(
    Guid Id,
    string Status,
    string Amount,
    string Currency,
    long MicroCoins,
    string Provider,
    string CheckoutUrl,
    string ProviderReference,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? PaidAt)
{
    public static RechargeView From(OrderReply order) => new(
        Guid.Parse(order.OrderId),
        order.Status switch
        {
            OrderStatus.Paid => "paid",
            OrderStatus.Failed => "failed",
            OrderStatus.Expired => "expired",
            _ => "pending",
        },
        order.Amount,
        order.Currency,
        order.MicroCoins,
        order.Provider,
        order.CheckoutUrl,
        order.ProviderReference,
        order.CreatedAt.ToDateTimeOffset(),
        order.PaidAt.ToNullable());
}
