using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Data.Migrations;

/// <summary>
/// The SQL migrations of one component, applied in number order, each in its own transaction, and recorded in the
/// component's history table (<c>version, name, checksum, applied_at</c>). Files are named <c>NNNN_name.sql</c> and
/// numbered from 0001 without gaps or duplicates. An applied file must never change (its checksum is compared at every
/// start-up): add a new file instead. Because each file runs in a transaction, statements that refuse one
/// (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>) cannot be used.
/// </summary>
public sealed partial class MigrationSet
{
    /// <summary>The history table of a service's own migrations.</summary>
    public const string DefaultHistoryTable = "schema_migrations";

    private MigrationSet(string historyTable, IReadOnlyList<Migration> migrations)
    {
        HistoryTable = historyTable;
        Migrations = migrations;
    }

    /// <summary>The table recording which of these migrations were applied.</summary>
    public string HistoryTable { get; }

    internal IReadOnlyList<Migration> Migrations { get; }

    /// <summary>
    /// The <c>.sql</c> files embedded from the <c>Migrations</c> folder of <paramref name="assembly"/>
    /// (<c>&lt;EmbeddedResource Include="Migrations/*.sql" /&gt;</c> in its project).
    /// </summary>
    /// <exception cref="MigrationException">A file is misnamed, or numbers have a gap or a duplicate.</exception>
    public static MigrationSet FromAssembly(Assembly assembly, string historyTable = DefaultHistoryTable)
    {
        var scripts = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationsResource().Match(resource);
            if (match.Success)
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
                scripts.Add((match.Groups["file"].Value, reader.ReadToEnd()));
            }
        }

        return FromScripts(scripts, historyTable);
    }

    internal static MigrationSet FromScripts(IEnumerable<(string FileName, string Sql)> scripts, string historyTable = DefaultHistoryTable)
    {
        if (!SqlIdentifier().IsMatch(historyTable))
        {
            throw new ArgumentException($"history table '{historyTable}' must be a lower-case SQL identifier", nameof(historyTable));
        }

        var migrations = scripts.Select(script => Parse(script.FileName, script.Sql)).OrderBy(migration => migration.Version).ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            var migration = migrations[i];
            if (i > 0 && migrations[i - 1].Version == migration.Version)
            {
                throw new MigrationException(
                    $"migrations {migrations[i - 1].FileName} and {migration.FileName} share number {migration.Version:D4}; renumber the newer one");
            }

            if (migration.Version != i + 1)
            {
                var after = i == 0 ? "the numbers must start at 0001" : $"{migrations[i - 1].FileName} is followed by {migration.FileName}";
                throw new MigrationException($"migration {i + 1:D4} is missing: {after}; number the files consecutively");
            }
        }

        return new MigrationSet(historyTable, migrations);
    }

    private static Migration Parse(string fileName, string sql)
    {
        var match = MigrationFileName().Match(fileName);
        if (!match.Success)
        {
            throw new MigrationException($"migration file '{fileName}' is not named NNNN_name.sql (for example 0001_create_accounts.sql)");
        }

        // Line endings follow the checkout (git autocrlf), not the content: they must not change the checksum.
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new Migration(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, fileName, sql, checksum);
    }

    // Embedded resource names are the root namespace and folders joined by dots: Ledger.Migrations.0001_create_accounts.sql.
    [GeneratedRegex(@"(?:^|\.)Migrations\.(?<file>.+\.sql)$")]
    private static partial Regex MigrationsResource();

    [GeneratedRegex(@"^(?<version>[0-9]{4})_(?<name>[A-Za-z0-9_-]+)\.sql$")]
    private static partial Regex MigrationFileName();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SqlIdentifier();
}
