using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Pricing;

internal sealed record CatalogVersionView(int Version, string ChangedBy, string Reason, DateTimeOffset CreatedAt)
{
    public static CatalogVersionView From(CatalogVersionSummary summary) =>
        new(summary.Version, summary.ChangedBy, summary.Reason, summary.CreatedAt.ToDateTimeOffset());
}
