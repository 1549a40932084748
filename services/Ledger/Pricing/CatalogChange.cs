namespace Platform.Ledger.Pricing;

/// <summary>Who published a catalog version, when and why.</summary>
internal sealed record CatalogChange(int Version, string ChangedBy, string Reason, DateTimeOffset CreatedAt);
