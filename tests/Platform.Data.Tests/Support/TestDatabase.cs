using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Data.Migrations;
using Platform.Testing;

namespace Platform.Data.Tests.Support;

/// <summary>A fresh database for one test, with migrators over it.</summary>
internal sealed class TestDatabase(string connectionString) : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    public string ConnectionString { get; } = connectionString;

    public static async Task<TestDatabase> CreateAsync(PlatformInfrastructure infrastructure) =>
        new(await infrastructure.CreateDatabaseAsync("data"));

    /// <summary>A migrator with a data source of its own, like one replica of a service.</summary>
    public PostgresMigrator NewMigrator()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance);
    }

    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
