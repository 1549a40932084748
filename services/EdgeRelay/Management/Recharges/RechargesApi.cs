using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Errors;
using Platform.EdgeRelay.Json;
using Platform.EdgeRelay.Management.Paging;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Recharges;

/// <summary><c>/api/v1/recharges</c>: the caller's recharge orders in the ledger; another user's order is 404 like an unknown one.</summary>
internal static class RechargesApi
{
    public static RouteGroupBuilder MapRechargesApi(this RouteGroupBuilder api)
    {
        var recharges = api.MapGroup("/recharges").WithTags("Recharges");
        recharges.MapPost("/", CreateAsync).WithName("CreateRecharge");
        recharges.MapGet("/", ListAsync).WithName("ListRecharges");
        recharges.MapGet("/{id:guid}", GetAsync).WithName("GetRecharge");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var body = await JsonBody.ReadAsync<CreateRechargeBody>(context);
        var request = new CreateOrderRequest
        {
            UserId = context.Principal().UserId.ToString(),
            Amount = body.Amount ?? throw new InvalidRequestException("amount is required: a decimal string such as \"20\" or \"2.72\"", "amount"),
            Currency = body.Currency ?? throw new InvalidRequestException("currency is required: CNY or USD", "currency"),
            Provider = body.Provider ?? "",
        };
        try
        {
            var order = await Billing(channels).UnaryAsync<CreateOrderRequest, OrderReply>("CreateOrder", request, GrpcCalls.Options(context));
            return TypedResults.Created($"/api/v1/recharges/{order.OrderId}", RechargeView.From(order));
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.FailedPrecondition)
        {
            // An unconfigured payment provider: the platform's problem, not a conflict with the caller's state.
            return GrpcErrors.Unavailable($"payments are not available right now ({exception.Detail}); tell the operator", "payments_unavailable");
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var page = PageQuery.From(context.Request, maxLimit: 100);
        var reply = await Billing(channels).UnaryAsync<ListOrdersRequest, ListOrdersReply>("ListOrders",
            new ListOrdersRequest { UserId = context.Principal().UserId.ToString(), PageSize = page.Limit, PageToken = page.PageToken },
            GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(Page<RechargeView>.Of(reply.Orders.Select(RechargeView.From), reply.NextPageToken));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, GrpcChannelProvider channels)
    {
        OrderReply? order;
        try
        {
            order = await Billing(channels).UnaryAsync<GetOrderRequest, OrderReply>("GetOrder",
                new GetOrderRequest { OrderId = id.ToString() }, GrpcCalls.Options(context, idempotent: true));
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            order = null;
        }
        // The same answer for another user's order as for an unknown one: ids of others' orders are not confirmed.
        return order is not null && Guid.Parse(order.UserId) == context.Principal().UserId
            ? TypedResults.Ok(RechargeView.From(order))
            : OpenAiError.NotFound($"you have no recharge order {id}; GET /api/v1/recharges lists yours", code: "not_found");
    }

    private static GrpcCaller Billing(GrpcChannelProvider channels) => channels.CreateCaller("ledger", BillingReflection.Descriptor.Services[0]);
}
