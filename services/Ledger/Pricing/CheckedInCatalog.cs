using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>Pricing/catalog.json, embedded in the Ledger assembly: version 1 of a new database's catalog.</summary>
internal static class CheckedInCatalog
{
    public static PriceCatalog Load()
    {
        using var stream = typeof(CheckedInCatalog).Assembly.GetManifestResourceStream("Platform.Ledger.Pricing.catalog.json")
            ?? throw new InvalidOperationException("Pricing/catalog.json is not embedded in the Ledger assembly");
        return CatalogJson.Parse(stream);
    }
}
