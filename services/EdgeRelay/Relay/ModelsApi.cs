using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Relay.Billing;
using Platform.EdgeRelay.Errors;

namespace Platform.EdgeRelay.Relay;

/// <summary>/v1/models: the models some channel serves that the caller's key may use, in OpenAI's list shape.</summary>
internal static class ModelsApi
{
    // OpenAI's objects carry a creation time; the relay's models have none, so a fixed date stands in (2023-11-14).
    private const long Created = 1_700_000_000;

    public static async Task<IResult> List(HttpContext context, ChannelDirectory channels, PriceBook owners)
    {
        var principal = context.Principal();
        var models = new List<ModelEntry>();
        foreach (var id in channels.ServedModels().Where(principal.Models.Allows).Order(StringComparer.Ordinal))
        {
            models.Add(new ModelEntry(id, "model", Created, await owners.OwnerOfAsync(id, context.RequestAborted)));
        }
        return TypedResults.Json(new ModelList("list", models));
    }

    public static async Task<IResult> Get(string id, HttpContext context, ChannelDirectory channels, PriceBook owners) =>
        channels.ServedModels().Contains(id) && context.Principal().Models.Allows(id)
            ? TypedResults.Json(new ModelEntry(id, "model", Created, await owners.OwnerOfAsync(id, context.RequestAborted)))
            : OpenAiError.NotFound($"The model '{id}' does not exist or your key may not use it; GET /v1/models lists the models your key can use", "model");

    private sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

    private sealed record ModelEntry(string Id, string Object, long Created, string OwnedBy);
}
