using System.Text.Json;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>The operator's pricing bodies as LedgerPricing requests; the ledger checks the catalog itself.</summary>
internal static class CatalogRequests
{
    /// <summary>Operators share one admin token, so the ledger's history names them all "operator".</summary>
    private const string ChangedBy = "operator";

    public static PublishCatalogRequest Publish(PublishCatalogBody body) => new()
    {
        CatalogJson = Object(body.Catalog, "catalog") ?? throw new InvalidRequestException(
            "catalog is required: the whole catalog as a JSON object (GET /admin/v1/pricing shows the current one)", "catalog"),
        ExpectedVersion = body.ExpectedVersion ?? throw new InvalidRequestException(
            "expected_version is required: the version you edited (GET /admin/v1/pricing gives it), so that nobody's change is overwritten unseen", "expected_version"),
        ChangedBy = ChangedBy,
        Reason = body.Reason ?? "",
    };

    public static UpdateCatalogRequest Update(UpdateCatalogBody body)
    {
        var request = new UpdateCatalogRequest
        {
            OffPeakJson = Object(body.OffPeak, "off_peak") ?? "",
            ExpectedVersion = body.ExpectedVersion ?? 0,
            ChangedBy = ChangedBy,
            Reason = body.Reason ?? "",
        };
        request.UpsertModelsJson.AddRange((body.UpsertModels ?? []).Select((model, index) => Object(model, $"upsert_models[{index}]")
            ?? throw new InvalidRequestException($"upsert_models[{index}] is null; give a model entry in the catalog's format", "upsert_models")));
        request.RemoveModels.AddRange(body.RemoveModels ?? []);
        foreach (var (group, multiplier) in body.GroupMultipliers ?? [])
        {
            request.GroupMultipliers[group] = multiplier.ValueKind switch
            {
                JsonValueKind.Number => multiplier.GetRawText(),
                JsonValueKind.String => multiplier.GetString()!,
                _ => throw new InvalidRequestException($"group_multipliers.{group} must be a decimal number such as 1.2", "group_multipliers"),
            };
        }
        return request;
    }

    private static string? Object(JsonElement? element, string field) => element switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Object } value => value.GetRawText(),
        _ => throw new InvalidRequestException($"{field} must be a JSON object in the catalog's format (see GET /admin/v1/pricing)", field),
    };
}
