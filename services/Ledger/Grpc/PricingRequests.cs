using System.Globalization;
using System.Text.Json;
using Platform.Ledger.Pricing;
using Platform.Pricing;

namespace Platform.Ledger.Grpc;

/// <summary>Reads the catalog parts of pricing requests; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class PricingRequests
{
    private const int MaxChangedBy = 200;
    private const int MaxReason = 500;

    public static (string ChangedBy, string Reason) Author(string changedBy, string reason)
    {
        if (changedBy.Trim().Length is 0 or > MaxChangedBy)
        {
            throw LedgerRequests.Invalid($"changed_by must be 1 to {MaxChangedBy} characters: who makes the change, kept with the version");
        }
        return reason.Length <= MaxReason
            ? (changedBy.Trim(), reason.Trim())
            : throw LedgerRequests.Invalid($"reason must be at most {MaxReason} characters");
    }

    public static int? ExpectedVersion(int version) => version switch
    {
        0 => null,
        > 0 => version,
        _ => throw LedgerRequests.Invalid($"expected_version must be a published version (1 or more), or 0 to skip the check; not {version}"),
    };

    public static PriceCatalog Catalog(string json) => Parse(json, "catalog_json", CatalogJson.Parse);

    public static CatalogEdit Edit(Contracts.Ledger.V1.UpdateCatalogRequest request)
    {
        var upserts = request.UpsertModelsJson
            .Select((json, index) => Parse(json, $"upsert_models_json[{index}]", text => JsonSerializer.Deserialize<ModelPrice>(text, CatalogJson.Options)!))
            .ToList();
        var multipliers = new Dictionary<string, decimal>();
        foreach (var (group, value) in request.GroupMultipliers)
        {
            multipliers[group] = decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var multiplier) && multiplier > 0
                ? multiplier
                : throw LedgerRequests.Invalid($"group_multipliers['{group}'] = '{value}' is not a positive decimal such as \"1.1\"");
        }
        var offPeak = request.OffPeakJson.Length == 0
            ? null
            : Parse(request.OffPeakJson, "off_peak_json", text => JsonSerializer.Deserialize<OffPeakSchedule>(text, CatalogJson.Options)!);
        if (upserts.Count == 0 && request.RemoveModels.Count == 0 && multipliers.Count == 0 && offPeak is null)
        {
            throw LedgerRequests.Invalid("the update changes nothing: set upsert_models_json, remove_models, group_multipliers or off_peak_json");
        }
        return new CatalogEdit(upserts, request.RemoveModels.ToList(), multipliers, offPeak);
    }

    private static T Parse<T>(string json, string field, Func<string, T> parse)
    {
        try
        {
            return parse(json) ?? throw new JsonException("it is null");
        }
        catch (JsonException exception)
        {
            throw LedgerRequests.Invalid($"{field} is not valid catalog JSON ({exception.Message}); see services/Ledger/Pricing/catalog.json for the format");
        }
    }
}
