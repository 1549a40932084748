using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Data.Migrations;
using Platform.Data.Tests.Support;
using Platform.Testing;

namespace Platform.Data.Tests.Migrations;

public sealed class StartupMigrationTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Start_AppliesTheServiceMigrationsBeforeOtherHostedServices()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:ledgerdb"] = database.ConnectionString;
        var seenAtStart = new List<int>();
        // Registered before the migrations on purpose: it must still start after them.
        builder.Services.AddHostedService(_ => new StartProbe(async () => seenAtStart.AddRange(await database.QueryAsync<int>("SELECT version FROM migration_log ORDER BY seq"))));
        builder.AddPostgresDataSource("ledgerdb").AddPostgresMigrations(typeof(StartupMigrationTests).Assembly);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], seenAtStart);
    }

    [Fact]
    public async Task Start_FailsWhenAMigrationFails()
    {
        await using var database = await TestDatabase.CreateAsync(infrastructure);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:ledgerdb"] = database.ConnectionString;
        builder.AddPostgresDataSource("ledgerdb").AddPostgresMigrations(MigrationSet.FromScripts([("0001_broken.sql", "CREATE TABLE (;")]));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<MigrationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("migration 0001_broken.sql failed and was rolled back: syntax error", error.Message);
    }

    [Fact]
    public void AddPostgresDataSource_NamesTheMissingConnectionString()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPostgresDataSource("ledgerdb");
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>());

        Assert.Equal("connection string 'ledgerdb' is missing: set ConnectionStrings__ledgerdb (the AppHost injects it for a referenced database)", error.Message);
    }

    private sealed class StartProbe(Func<Task> onStart) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => onStart();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
