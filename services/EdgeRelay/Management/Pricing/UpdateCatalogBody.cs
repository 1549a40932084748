using System.Text.Json;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>
/// PATCH /admin/v1/pricing: model entries added or replaced (catalog format), models removed, group multipliers set,
/// the off-peak schedule replaced. Without expected_version the ledger applies the change to whatever is current.
/// </summary>
internal sealed record UpdateCatalogBody
{
    public JsonElement[]? UpsertModels { get; init; }
    public string[]? RemoveModels { get; init; }
    public Dictionary<string, JsonElement>? GroupMultipliers { get; init; }
    public JsonElement? OffPeak { get; init; }
    public int? ExpectedVersion { get; init; }
    public string? Reason { get; init; }
}
