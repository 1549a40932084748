namespace Platform.Pricing;

/// <summary>Everything a cost depends on: model prices, provider-group multipliers (倍率) and the off-peak schedule.</summary>
public sealed record PriceCatalog(
    IReadOnlyDictionary<string, decimal> GroupMultipliers,
    OffPeakSchedule OffPeak,
    IReadOnlyList<ModelPrice> Models)
{
    /// <summary>
    /// The exact entry, else the longest entry the name extends with a '-' suffix, so dated snapshots
    /// (gpt-4o-2024-08-06) price as their family unless the catalog lists them on their own.
    /// </summary>
    public ModelPrice? Find(string model)
    {
        ModelPrice? best = null;
        foreach (var entry in Models)
        {
            if (string.Equals(entry.Model, model, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
            if (model.Length > entry.Model.Length
                && model[entry.Model.Length] == '-'
                && model.StartsWith(entry.Model, StringComparison.OrdinalIgnoreCase)
                && (best is null || entry.Model.Length > best.Model.Length))
            {
                best = entry;
            }
        }
        return best;
    }

    /// <summary>Problems that would make a cost wrong or unpriceable; empty when the catalog can be published.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (group, multiplier) in GroupMultipliers)
        {
            if (multiplier <= 0)
            {
                problems.Add($"group '{group}' has multiplier {multiplier}; multipliers must be positive");
            }
        }
        if (OffPeak.Factor <= 0 || OffPeak.StartHour is < 0 or > 24 || OffPeak.EndHour is < 0 or > 24 || Math.Abs(OffPeak.UtcOffsetMinutes) > 14 * 60)
        {
            problems.Add("offPeak needs a positive factor, hours 0-24 and a UTC offset within +-14 hours");
        }
        foreach (var duplicate in Models.GroupBy(m => m.Model, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"model '{duplicate.Key}' is listed {duplicate.Count()} times");
        }
        foreach (var model in Models)
        {
            if (!GroupMultipliers.ContainsKey(model.Group))
            {
                problems.Add($"model '{model.Model}' names group '{model.Group}', which has no multiplier");
            }
            if ((model.PerMillionTokens is null) == (model.PerCall is null))
            {
                problems.Add($"model '{model.Model}' needs exactly one of perMillionTokens and perCall");
            }
            if (model.PerCall < 0 || HasNegative(model.PerMillionTokens) || HasNegative(model.Tier?.Prices))
            {
                problems.Add($"model '{model.Model}' has a negative price");
            }
            if (model.Tier is not null && model.PerMillionTokens is null)
            {
                problems.Add($"model '{model.Model}' has a tier but no base perMillionTokens prices");
            }
        }
        return problems;
    }

    private static bool HasNegative(TokenPrices? prices) =>
        prices is not null && new[] { prices.Input, prices.Output, prices.CachedInput, prices.CacheWrite, prices.AudioInput, prices.AudioOutput }.Any(p => p < 0);
}
