using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>A partial change of the catalog: entries replaced or added by model name, entries removed, multipliers, the schedule.</summary>
internal sealed record CatalogEdit(
    IReadOnlyList<ModelPrice> Upserts,
    IReadOnlyList<string> Removals,
    IReadOnlyDictionary<string, decimal> Multipliers,
    OffPeakSchedule? OffPeak)
{
    public PriceCatalog ApplyTo(PriceCatalog catalog)
    {
        var unknown = Removals.Where(model => !catalog.Models.Any(entry => Same(entry.Model, model))).ToList();
        if (unknown.Count > 0)
        {
            throw new PricingException($"cannot remove {string.Join(", ", unknown.Select(m => $"'{m}'"))}: not in the catalog");
        }
        var models = catalog.Models
            .Where(entry => !Removals.Any(model => Same(entry.Model, model)) && !Upserts.Any(upsert => Same(entry.Model, upsert.Model)))
            .Concat(Upserts)
            .OrderBy(entry => entry.Group, StringComparer.Ordinal).ThenBy(entry => entry.Model, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var multipliers = new Dictionary<string, decimal>(catalog.GroupMultipliers);
        foreach (var (group, multiplier) in Multipliers)
        {
            multipliers[group] = multiplier;
        }
        return new PriceCatalog(multipliers, OffPeak ?? catalog.OffPeak, models);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
