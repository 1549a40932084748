using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Server;
using Platform.Ledger.Memberships;
using Platform.Ledger.Recharges;
using ContractTier = Platform.Contracts.Ledger.V1.MembershipTier;
using Membership = Platform.Ledger.Memberships.Membership;
using MembershipTier = Platform.Ledger.Memberships.MembershipTier;

namespace Platform.Ledger.Grpc;

/// <summary>ledger.v1.LedgerBilling: recharge orders and memberships.</summary>
internal sealed class BillingGrpcService(RechargeStore recharges, MembershipStore memberships, IEnumerable<IPaymentProvider> providers, TimeProvider clock)
{
    private const string DefaultProvider = "sandbox";

    public async Task<OrderReply> CreateOrder(CreateOrderRequest request, ServerCallContext context)
    {
        var userId = LedgerRequests.Wallet(request.UserId);
        var amount = BillingRequests.Amount(request.Amount, request.Currency);
        var name = request.Provider.Length == 0 ? DefaultProvider : request.Provider;
        var provider = providers.FirstOrDefault(p => p.Name == name)
            ?? throw LedgerRequests.Invalid($"provider '{name}' is unknown; use {string.Join(" or ", providers.Select(p => p.Name))}");
        try
        {
            return ToReply(await recharges.CreateAsync(userId, amount, provider, context.CancellationToken));
        }
        catch (PaymentProviderUnavailableException exception)
        {
            throw new RpcException(StatusCode.FailedPrecondition, exception.Message);
        }
    }

    public async Task<OrderReply> GetOrder(GetOrderRequest request, ServerCallContext context)
    {
        var orderId = BillingRequests.Id(request.OrderId, "order_id");
        var order = await recharges.GetAsync(orderId, context.CancellationToken)
            ?? throw new RpcException(StatusCode.NotFound, $"order {orderId} does not exist; CreateOrder returns the order_id");
        return ToReply(order);
    }

    public async Task<ListOrdersReply> ListOrders(ListOrdersRequest request, ServerCallContext context)
    {
        var userId = LedgerRequests.Wallet(request.UserId);
        var pageSize = BillingRequests.PageSize(request.PageSize);
        var orders = await recharges.ListAsync(userId, BillingRequests.PageToken(request.PageToken), pageSize, context.CancellationToken);
        var reply = new ListOrdersReply { NextPageToken = orders.Count == pageSize ? orders[^1].Id.ToString() : "" };
        reply.Orders.AddRange(orders.Select(ToReply));
        return reply;
    }

    public async Task<MembershipReply> GetMembership(GetMembershipRequest request, ServerCallContext context) =>
        ToReply(await memberships.GetAsync(LedgerRequests.Wallet(request.UserId), context.CancellationToken));

    public async Task<MembershipReply> GrantPremium(GrantPremiumRequest request, ServerCallContext context)
    {
        var userId = LedgerRequests.Wallet(request.UserId);
        var expiresAt = request.ExpiresAt?.ToDateTimeOffset();
        if (expiresAt <= clock.GetUtcNow())
        {
            throw LedgerRequests.Invalid($"expires_at {expiresAt:O} is in the past; leave it unset for Premium until revoked");
        }
        return ToReply(await memberships.GrantPremiumAsync(userId, expiresAt, context.CancellationToken));
    }

    public async Task<MembershipReply> RevokePremium(RevokePremiumRequest request, ServerCallContext context) =>
        ToReply(await memberships.RevokePremiumAsync(LedgerRequests.Wallet(request.UserId), context.CancellationToken));

    private MembershipReply ToReply(Membership membership)
    {
        var status = membership.At(clock.GetUtcNow());
        return new MembershipReply
        {
            Tier = status.Tier switch
            {
                MembershipTier.Premium => ContractTier.Premium,
                MembershipTier.Vip => ContractTier.Vip,
                _ => ContractTier.Free,
            },
            ExpiresAt = Timestamp(status.ExpiresAt),
            VipExpiresAt = Timestamp(membership.VipExpiresAt),
        };
    }

    private static OrderReply ToReply(RechargeOrder order) => new()
    {
        OrderId = order.Id.ToString(),
        UserId = order.UserId.ToString(),
        Provider = order.Provider,
        Amount = order.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
        Currency = order.Amount.Code,
        MicroCoins = order.Amount.MicroCoins,
        Status = order.Status switch
        {
            RechargeOrderStatus.Paid => OrderStatus.Paid,
            RechargeOrderStatus.Failed => OrderStatus.Failed,
            RechargeOrderStatus.Expired => OrderStatus.Expired,
            _ => OrderStatus.Pending,
        },
        CheckoutUrl = order.CheckoutUrl,
        CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(order.CreatedAt),
        PaidAt = Timestamp(order.PaidAt),
        ProviderReference = order.ProviderReference,
    };

    private static Timestamp? Timestamp(DateTimeOffset? value) =>
        value is { } at ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at) : null;
}
