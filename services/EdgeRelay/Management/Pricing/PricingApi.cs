using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>GET /api/v1/pricing: the price list users see (ledger ListPrices), optionally <c>?model_prefix=</c>.</summary>
internal static class PricingApi
{
    public static RouteGroupBuilder MapPricingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pricing", ListAsync).WithName("ListPrices").WithTags("Pricing");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var reply = await channels.CreateCaller("ledger", PricingReflection.Descriptor.Services[0]).UnaryAsync<ListPricesRequest, ListPricesReply>("ListPrices",
            new ListPricesRequest { ModelPrefix = context.Request.Query["model_prefix"].ToString() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(new PriceListView(reply.Version, OffPeakView.From(reply.OffPeak), [.. reply.Models.Select(ModelPriceView.From)]));
    }
}
