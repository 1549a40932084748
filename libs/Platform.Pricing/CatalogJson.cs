using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Pricing;

/// <summary>The JSON shape of catalogs (the checked-in file, stored versions, GetCatalog) and of usage-record snapshots.</summary>
public static class CatalogJson
{
    /// <summary>camelCase names, enums as camelCase strings, nulls left out, required constructor parameters enforced.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads a catalog; throws <see cref="JsonException"/> when the text is not one.</summary>
    public static PriceCatalog Parse(string json) =>
        JsonSerializer.Deserialize<PriceCatalog>(json, Options) ?? throw new JsonException("the price catalog is empty");

    /// <summary>Reads a catalog from a stream; throws <see cref="JsonException"/> when it is not one.</summary>
    public static PriceCatalog Parse(Stream json) =>
        JsonSerializer.Deserialize<PriceCatalog>(json, Options) ?? throw new JsonException("the price catalog is empty");
}
