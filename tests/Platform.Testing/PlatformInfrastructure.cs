using Npgsql;
using Platform.Hosting;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// The real Postgres, Redis and RabbitMQ for integration tests, once per test run: attached to the servers that
/// <c>./platform test</c> started (PLATFORM_TEST_STATE_DIR), or started here through Platform.Hosting when a test
/// assembly runs on its own (an IDE, <c>dotnet test</c> on one project). Use as an assembly fixture:
/// <c>[assembly: AssemblyFixture(typeof(PlatformInfrastructure))]</c>.
/// </summary>
public sealed class PlatformInfrastructure : IAsyncLifetime
{
    /// <summary>Set by <c>./platform test</c> to the state directory of the shared servers.</summary>
    public const string StateDirectoryVariable = "PLATFORM_TEST_STATE_DIR";

    private string? _ownStateDirectory;

    /// <summary>The application holding the servers.</summary>
    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Superuser connection string of the Postgres server.</summary>
    public string PostgresConnectionString => App.GetConnectionString(TestTopology.Postgres);

    /// <summary>Redis connection string (<c>host:port,password=...</c>).</summary>
    public string RedisConnectionString => App.GetConnectionString(TestTopology.Redis);

    /// <summary>RabbitMQ connection string (amqp URI).</summary>
    public string RabbitMqConnectionString => App.GetConnectionString(TestTopology.RabbitMq);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var shared = Environment.GetEnvironmentVariable(StateDirectoryVariable);
        if (!string.IsNullOrEmpty(shared))
        {
            App = TestTopology.Build(new HostingOptions { StateDirectory = shared, Interactive = false });
            App.Attach();
            return;
        }
        _ownStateDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
        App = TestTopology.Build(new HostingOptions { StateDirectory = _ownStateDirectory, Interactive = false, EphemeralStorage = true });
        await App.StartAsync();
    }

    /// <summary>A new, empty database with a unique name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownStateDirectory is not null)
        {
            await App.StopAsync();
            Directory.Delete(_ownStateDirectory, recursive: true);
        }
    }
}
