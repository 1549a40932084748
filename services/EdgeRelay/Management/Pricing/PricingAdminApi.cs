using System.Globalization;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Json;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>
/// <c>/admin/v1/pricing</c>: the versioned price catalog for operators (ledger LedgerPricing). A change based on a
/// version that is no longer current is 409: read the catalog again and redo the change.
/// </summary>
internal static class PricingAdminApi
{
    public static RouteGroupBuilder MapPricingAdminApi(this RouteGroupBuilder admin)
    {
        var pricing = admin.MapGroup("/pricing").WithTags("Pricing");
        pricing.MapGet("/", GetAsync).WithName("GetCatalog");
        pricing.MapPut("/", PublishAsync).WithName("PublishCatalog");
        pricing.MapPatch("/", UpdateAsync).WithName("UpdateCatalog");
        pricing.MapGet("/versions", VersionsAsync).WithName("ListCatalogVersions");
        return admin;
    }

    /// <summary><c>?version=</c> reads an older version; the current one otherwise.</summary>
    private static async Task<IResult> GetAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var reply = await Pricing(channels).UnaryAsync<GetCatalogRequest, CatalogReply>("GetCatalog",
            new GetCatalogRequest { Version = Number(context.Request, "version") }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(CatalogView.From(reply));
    }

    private static async Task<IResult> PublishAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var body = await JsonBody.ReadAsync<PublishCatalogBody>(context);
        var reply = await Pricing(channels).UnaryAsync<PublishCatalogRequest, CatalogReply>("PublishCatalog",
            CatalogRequests.Publish(body), GrpcCalls.Options(context));
        return TypedResults.Ok(CatalogView.From(reply));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var body = await JsonBody.ReadAsync<UpdateCatalogBody>(context);
        var reply = await Pricing(channels).UnaryAsync<UpdateCatalogRequest, CatalogReply>("UpdateCatalog",
            CatalogRequests.Update(body), GrpcCalls.Options(context));
        return TypedResults.Ok(CatalogView.From(reply));
    }

    /// <summary>Newest first; <c>?limit=</c> (1 to 200) and <c>?before_version=</c> (the last version of the previous page).</summary>
    private static async Task<IResult> VersionsAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var reply = await Pricing(channels).UnaryAsync<ListCatalogVersionsRequest, ListCatalogVersionsReply>("ListCatalogVersions",
            new ListCatalogVersionsRequest { PageSize = Number(context.Request, "limit"), BeforeVersion = Number(context.Request, "before_version") },
            GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(new { Data = reply.Versions.Select(CatalogVersionView.From).ToList() });
    }

    /// <summary>A positive integer query parameter, 0 when absent (the ledger's "default").</summary>
    private static int Number(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? 0
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new InvalidRequestException($"{name} must be a positive integer, not '{text}'", name);
    }

    private static GrpcCaller Pricing(GrpcChannelProvider channels) => channels.CreateCaller("ledger", PricingReflection.Descriptor.Services[0]);
}
