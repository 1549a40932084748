namespace Platform.Ledger.Pricing;

/// <summary>A published catalog and its version number.</summary>
internal sealed record CatalogVersion(int Version, PriceCatalog Catalog);
