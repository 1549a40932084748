using System.Text.Json;
using Dapper;
using Npgsql;
using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>Versioned catalogs: a change publishes a whole new version; the highest version is current.</summary>
internal sealed class PriceCatalogStore(NpgsqlDataSource db)
{
    private const string Columns = "version AS Version, catalog::text AS Catalog, changed_by AS ChangedBy, reason AS Reason, created_at AS CreatedAt";

    public async Task<CatalogVersion?> LatestAsync(CancellationToken cancellationToken) =>
        (await GetAsync(version: null, cancellationToken))?.Published;

    /// <summary>The given version, or the latest for null; null when there is no such version.</summary>
    public async Task<CatalogRecord?> GetAsync(int? version, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM price_catalog_versions WHERE @version IS NULL OR version = @version ORDER BY version DESC LIMIT 1",
            new { version }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<int?> LatestVersionNumberAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT max(version) FROM price_catalog_versions", cancellationToken: cancellationToken));
    }

    /// <summary>Versions older than <paramref name="beforeVersion"/> (all for null), newest first, without their catalogs.</summary>
    public async Task<IReadOnlyList<CatalogChange>> ListAsync(int? beforeVersion, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            """
            SELECT version AS Version, changed_by AS ChangedBy, reason AS Reason, created_at AS CreatedAt FROM price_catalog_versions
            WHERE @beforeVersion IS NULL OR version < @beforeVersion ORDER BY version DESC LIMIT @limit
            """,
            new { beforeVersion, limit }, cancellationToken: cancellationToken));
        return rows.Select(row => new CatalogChange(row.Version, row.ChangedBy, row.Reason, new DateTimeOffset(row.CreatedAt))).ToList();
    }

    /// <summary>
    /// Publishes <paramref name="catalog"/> as the next version. With <paramref name="expectedVersion"/>, only while that
    /// version is still the latest, so a change based on an old version cannot silently undo a newer one.
    /// </summary>
    public async Task<CatalogRecord> PublishAsync(PriceCatalog catalog, int? expectedVersion, string changedBy, string reason,
        CancellationToken cancellationToken)
    {
        EnsureValid(catalog);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        VersionRow? row;
        try
        {
            row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
                $"""
                INSERT INTO price_catalog_versions (version, catalog, changed_by, reason)
                SELECT coalesce(max(version), 0) + 1, @catalog::jsonb, @changedBy, @reason FROM price_catalog_versions
                HAVING @expectedVersion IS NULL OR coalesce(max(version), 0) = @expectedVersion
                RETURNING {Columns}
                """,
                new { catalog = JsonSerializer.Serialize(catalog, CatalogJson.Options), expectedVersion, changedBy, reason },
                cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            row = null; // another change was published at the same moment
        }
        return row?.ToRecord() ?? throw new CatalogConflictException(
            $"the catalog changed while this change was made (expected version {expectedVersion?.ToString() ?? "latest"}); read the current version and apply the change to it");
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

    private sealed record ChangeRow(int Version, string ChangedBy, string Reason, DateTime CreatedAt);

    private sealed record VersionRow(int Version, string Catalog, string ChangedBy, string Reason, DateTime CreatedAt)
    {
        public CatalogRecord ToRecord() =>
            new(new CatalogVersion(Version, CatalogJson.Parse(Catalog)), new CatalogChange(Version, ChangedBy, Reason, new DateTimeOffset(CreatedAt)));
    }
}
