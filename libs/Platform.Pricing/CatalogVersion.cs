namespace Platform.Pricing;

/// <summary>A published catalog and its version number.</summary>
public sealed record CatalogVersion(int Version, PriceCatalog Catalog);
