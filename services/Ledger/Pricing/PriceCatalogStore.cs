using System.Text.Json;
using Dapper;
using Npgsql;

namespace Platform.Ledger.Pricing;

/// <summary>Versioned catalogs: a change publishes a whole new version; the highest version is current.</summary>
internal sealed class PriceCatalogStore(NpgsqlDataSource db)
{
    public async Task<CatalogVersion?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int Version, string Catalog)?>(new CommandDefinition(
            "SELECT version, catalog::text FROM price_catalog_versions ORDER BY version DESC LIMIT 1", cancellationToken: cancellationToken));
        return row is { } found ? new CatalogVersion(found.Version, CatalogJson.Parse(found.Catalog)) : null;
    }

    public async Task<int?> LatestVersionNumberAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT max(version) FROM price_catalog_versions", cancellationToken: cancellationToken));
    }

    /// <summary>Publishes <paramref name="catalog"/> as the next version. Two operators publishing at once: one fails and retries.</summary>
    public async Task<CatalogVersion> PublishAsync(PriceCatalog catalog, string changedBy, string reason, CancellationToken cancellationToken)
    {
        EnsureValid(catalog);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO price_catalog_versions (version, catalog, changed_by, reason)
            SELECT coalesce(max(version), 0) + 1, @catalog::jsonb, @changedBy, @reason FROM price_catalog_versions
            RETURNING version
            """,
            new { catalog = JsonSerializer.Serialize(catalog, CatalogJson.Options), changedBy, reason },
            cancellationToken: cancellationToken));
        return new CatalogVersion(version, catalog);
    }

    /// <summary>Stores <paramref name="catalog"/> as version 1 unless a version exists; replicas may race on it.</summary>
    public async Task SeedAsync(PriceCatalog catalog, CancellationToken cancellationToken)
    {
        EnsureValid(catalog);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO price_catalog_versions (version, catalog, changed_by, reason)
            SELECT 1, @catalog::jsonb, 'seed', 'checked-in Pricing/catalog.json'
            WHERE NOT EXISTS (SELECT 1 FROM price_catalog_versions)
            ON CONFLICT (version) DO NOTHING
            """,
            new { catalog = JsonSerializer.Serialize(catalog, CatalogJson.Options) },
            cancellationToken: cancellationToken));
    }

    private static void EnsureValid(PriceCatalog catalog)
    {
        var problems = catalog.Validate();
        if (problems.Count > 0)
        {
            throw new PricingException($"the catalog cannot be published: {string.Join("; ", problems)}");
        }
    }
}
