using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>A stored catalog version with its change record.</summary>
internal sealed record CatalogRecord(CatalogVersion Published, CatalogChange Change);
