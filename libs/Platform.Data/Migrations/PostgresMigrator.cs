using System.Data;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Data.Migrations;

/// <summary>
/// Applies migration sets under a Postgres advisory lock, so that replicas starting together apply each migration
/// once: the first takes the lock and migrates, the others wait for it and then find nothing left to do.
/// </summary>
internal sealed class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    // Advisory locks are scoped to the database, so one constant key is enough. ASCII "PlatMigr".
    private const long LockKey = 0x506C_6174_4D69_6772;

    /// <summary>Applies what is missing, in order; returns the migrations applied by this call.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(IEnumerable<MigrationSet> sets, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Waits as long as another replica migrates (a long index build is fine).
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, commandTimeout: 0, cancellationToken: cancellationToken));
        try
        {
            var applied = new List<Migration>();
            foreach (var set in sets)
            {
                applied.AddRange(await MigrateAsync(connection, set, cancellationToken));
            }

            return applied;
        }
        finally
        {
            // A pooled connection outlives this method with its session, and with it a session lock: release it.
            // A broken connection has already released it by closing.
            if (connection.State == ConnectionState.Open)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
            }
        }
    }

    private async Task<List<Migration>> MigrateAsync(NpgsqlConnection connection, MigrationSet set, CancellationToken cancellationToken)
    {
        var table = set.HistoryTable;
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            CREATE TABLE IF NOT EXISTS {table} (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """,
            cancellationToken: cancellationToken));
        var history = (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
            $"SELECT version, name, checksum, applied_at AS AppliedAt FROM {table}", cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Version);

        foreach (var migration in set.Migrations)
        {
            if (history.TryGetValue(migration.Version, out var row) && (row.Checksum != migration.Checksum || row.Name != migration.Name))
            {
                throw new MigrationException(
                    $"migration {migration.FileName} was changed after it was applied ({row.Version:D4}_{row.Name}.sql, checksum {row.Checksum[..12]}, " +
                    $"applied {row.AppliedAt:u}; the file now has checksum {migration.Checksum[..12]}): restore the applied file and put the change in a new migration");
            }
        }

        var unknown = history.Keys.Where(version => version > set.Migrations.Count).Order().ToList();
        if (unknown.Count > 0)
        {
            MigrationLog.NewerMigrationsApplied(logger, table, string.Join(", ", unknown));
        }

        var applied = new List<Migration>();
        foreach (var migration in set.Migrations.Where(migration => !history.ContainsKey(migration.Version)))
        {
            await ApplyAsync(connection, table, migration, cancellationToken);
            applied.Add(migration);
        }

        if (applied.Count == 0)
        {
            MigrationLog.UpToDate(logger, table, set.Migrations.Count);
        }

        return applied;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, string table, Migration migration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var script = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 };
            await script.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            // Disposing the transaction rolls the whole file back; the ones before it stay applied.
            throw new MigrationException(
                $"migration {migration.FileName} failed and was rolled back: {exception.MessageText} (SQLSTATE {exception.SqlState}); fix the file and start again",
                exception);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table} (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
            new { migration.Version, migration.Name, migration.Checksum },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        MigrationLog.Applied(logger, migration.FileName, table, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
