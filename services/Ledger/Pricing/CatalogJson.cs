using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Ledger.Pricing;

/// <summary>The JSON shape of catalogs (the checked-in file, stored versions) and of usage-record snapshots.</summary>
internal static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectRequiredConstructorParameters = true,
    };

    public static PriceCatalog Parse(string json) =>
        JsonSerializer.Deserialize<PriceCatalog>(json, Options) ?? throw new JsonException("the price catalog is empty");

    public static PriceCatalog LoadCheckedIn()
    {
        using var stream = typeof(CatalogJson).Assembly.GetManifestResourceStream("Platform.Ledger.Pricing.catalog.json")
            ?? throw new InvalidOperationException("Pricing/catalog.json is not embedded in the Ledger assembly");
        return JsonSerializer.Deserialize<PriceCatalog>(stream, Options) ?? throw new JsonException("Pricing/catalog.json is empty");
    }
}
