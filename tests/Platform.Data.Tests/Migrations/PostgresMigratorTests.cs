using Platform.Data.Migrations;
using Platform.Data.Tests.Support;
using Platform.Testing;

namespace Platform.Data.Tests.Migrations;

public sealed class PostgresMigratorTests(PlatformInfrastructure infrastructure)
{
    private static readonly MigrationSet Embedded = MigrationSet.FromAssembly(typeof(PostgresMigratorTests).Assembly);

    [Fact]
    public async Task Migrate_AppliesEmbeddedFilesInOrderAndRecordsEach()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);

        var applied = await database.NewMigrator().MigrateAsync([Embedded], TestContext.Current.CancellationToken);

        Assert.Equal(["0001_create_accounts.sql", "0002_add_balance.sql", "0003_seed_platform_account.sql"], applied.Select(m => m.FileName));
        Assert.Equal([1, 2, 3], await database.QueryAsync<int>("SELECT version FROM migration_log ORDER BY seq"));
        var history = await database.QueryAsync<(int Version, string Name, string Checksum)>(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY applied_at, version");
        Assert.Equal(Embedded.Migrations.Select(m => (m.Version, m.Name, m.Checksum)), history);
        Assert.Equal(3, (await database.QueryAsync<int>("SELECT count(DISTINCT applied_at)::int FROM schema_migrations")).Single());
    }

    [Fact]
    public async Task Migrate_SecondRunAppliesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        await database.NewMigrator().MigrateAsync([Embedded], TestContext.Current.CancellationToken);

        var second = await database.NewMigrator().MigrateAsync([Embedded], TestContext.Current.CancellationToken);

        Assert.Empty(second);
        Assert.Equal(3, (await database.QueryAsync<int>("SELECT count(*)::int FROM schema_migrations")).Single());
        Assert.Equal([1, 2, 3], await database.QueryAsync<int>("SELECT version FROM migration_log ORDER BY seq"));
    }

    [Fact]
    public async Task Migrate_RefusesAnAppliedFileThatChanged()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        await database.NewMigrator().MigrateAsync(
            [MigrationSet.FromScripts([("0001_create_t.sql", "CREATE TABLE t (v int);"), ("0002_fill_t.sql", "INSERT INTO t VALUES (1);")])],
            TestContext.Current.CancellationToken);
        var edited = MigrationSet.FromScripts(
        [
            ("0001_create_t.sql", "CREATE TABLE t (v int);"),
            ("0002_fill_t.sql", "INSERT INTO t VALUES (2);"),
            ("0003_fill_more.sql", "INSERT INTO t VALUES (3);"),
        ]);

        var error = await Assert.ThrowsAsync<MigrationException>(() => database.NewMigrator().MigrateAsync([edited], TestContext.Current.CancellationToken));

        Assert.StartsWith("migration 0002_fill_t.sql was changed after it was applied", error.Message);
        Assert.Contains("put the change in a new migration", error.Message);
        Assert.Equal([1], await database.QueryAsync<int>("SELECT v FROM t"));
        Assert.Equal([1, 2], await database.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migrate_LineEndingsDoNotCountAsAChange()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        await database.NewMigrator().MigrateAsync([MigrationSet.FromScripts([("0001_create_t.sql", "CREATE TABLE t (v int);\nINSERT INTO t VALUES (1);\n")])], TestContext.Current.CancellationToken);

        var again = await database.NewMigrator().MigrateAsync(
            [MigrationSet.FromScripts([("0001_create_t.sql", "CREATE TABLE t (v int);\r\nINSERT INTO t VALUES (1);\r\n")])], TestContext.Current.CancellationToken);

        Assert.Empty(again);
    }

    [Fact]
    public async Task Migrate_FourReplicasStartingTogetherApplyEachMigrationOnce()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        var replicas = Enumerable.Range(0, 4).Select(_ => database.NewMigrator()).ToList();

        var results = await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.MigrateAsync([Embedded], TestContext.Current.CancellationToken))));

        Assert.Equal([1, 2, 3], results.SelectMany(applied => applied).Select(m => m.Version).Order());
        Assert.Equal([1, 2, 3], await database.QueryAsync<int>("SELECT version FROM migration_log ORDER BY seq"));
        Assert.Equal([1, 2, 3], await database.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migrate_FailingMigrationRollsBackEntirelyAndKeepsEarlierOnes()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        var set = MigrationSet.FromScripts(
        [
            ("0001_create_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY);"),
            ("0002_holds_then_fail.sql", "CREATE TABLE holds (id int);\nINSERT INTO accounts VALUES (1);\nSELECT 1 / 0;"),
            ("0003_never.sql", "CREATE TABLE never (id int);"),
        ]);

        var error = await Assert.ThrowsAsync<MigrationException>(() => database.NewMigrator().MigrateAsync([set], TestContext.Current.CancellationToken));

        Assert.Equal("migration 0002_holds_then_fail.sql failed and was rolled back: division by zero (SQLSTATE 22012); fix the file and start again", error.Message);
        Assert.Equal([1], await database.QueryAsync<int>("SELECT version FROM schema_migrations"));
        Assert.Empty(await database.QueryAsync<int>("SELECT id FROM accounts"));
        Assert.Equal(
            [("accounts", true), ("holds", false), ("never", false)],
            await database.QueryAsync<(string, bool)>("SELECT t, to_regclass(t) IS NOT NULL FROM unnest(ARRAY['accounts', 'holds', 'never']) AS t ORDER BY t"));
    }

    [Fact]
    public async Task Migrate_KeepsSetsApartByHistoryTable()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        var library = MigrationSet.FromScripts([("0001_create_library_table.sql", "CREATE TABLE library_table (v int);")], historyTable: "library_schema_migrations");

        var applied = await database.NewMigrator().MigrateAsync([Embedded, library], TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3, 1], applied.Select(m => m.Version));
        Assert.Equal(["create_library_table"], await database.QueryAsync<string>("SELECT name FROM library_schema_migrations"));
        Assert.Equal(3, (await database.QueryAsync<int>("SELECT count(*)::int FROM schema_migrations")).Single());
    }
}
