using System.Text.Json;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>PUT /admin/v1/pricing: the whole catalog, the version it was edited from (required) and why.</summary>
internal sealed record PublishCatalogBody
{
    public JsonElement? Catalog { get; init; }
    public int? ExpectedVersion { get; init; }
    public string? Reason { get; init; }
}
