using System.Text.Json;
using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>A catalog version for operators: the whole catalog as the ledger keeps it (camelCase, services/Ledger/Pricing/catalog.json) and who changed it why.</summary>
internal sealed record CatalogView(int Version, JsonElement Catalog, string ChangedBy, string Reason, DateTimeOffset CreatedAt)
{
    public static CatalogView From(CatalogReply reply) => new(
        reply.Version, JsonSerializer.Deserialize<JsonElement>(reply.CatalogJson), reply.ChangedBy, reply.Reason, reply.CreatedAt.ToDateTimeOffset());
}
