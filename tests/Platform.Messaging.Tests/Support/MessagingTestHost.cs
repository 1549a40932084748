using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging.Outbox;
using Platform.Testing;

namespace Platform.Messaging.Tests.Support;

/// <summary>A service as a test sees it: a fresh database, the real broker, AddPostgresDataSource + AddPlatformMessaging.</summary>
internal sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _replicaDataSources = [];
    private readonly List<OutboxDispatcher> _replicaDispatchers = [];

    private MessagingTestHost(IHost host, string database)
    {
        Host = host;
        Database = database;
    }

    public IHost Host { get; }

    public string Database { get; }

    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    public NpgsqlDataSource DataSource => Host.Services.GetRequiredService<NpgsqlDataSource>();

    public OutboxWriter Outbox => Host.Services.GetRequiredService<OutboxWriter>();

    /// <summary>The dispatcher the host started.</summary>
    public OutboxDispatcher Dispatcher => Host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();

    /// <summary>A queue name no other test (or earlier run against the same broker) uses.</summary>
    public static string UniqueQueue(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<MessagingTestHost> StartAsync(
        PlatformInfrastructure infrastructure,
        Action<IBusRegistrationConfigurator> configureBus,
        Action<MessagingOptions>? configureOptions = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var database = await infrastructure.CreateDatabaseAsync("messaging");
        await using (var connection = new NpgsqlConnection(database))
        {
            // No unique key on purpose: a duplicate side effect must show up as a second row.
            await connection.ExecuteAsync("CREATE TABLE side_effects (seq bigint GENERATED ALWAYS AS IDENTITY, message_id uuid NOT NULL, number integer NOT NULL)");
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:testdb"] = database;
        builder.Configuration["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString;
        configureServices?.Invoke(builder.Services);
        builder.AddPostgresDataSource("testdb");
        builder.AddPlatformMessaging(configureBus, options =>
        {
            options.RetryIntervals = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)];
            options.OutboxPollInterval = TimeSpan.FromMilliseconds(100);
            configureOptions?.Invoke(options);
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new MessagingTestHost(host, database);
    }

    /// <summary>A dispatcher of another replica: its own data source, the same database and broker.</summary>
    public async Task<OutboxDispatcher> StartReplicaDispatcherAsync()
    {
        var dataSource = NpgsqlDataSource.Create(Database);
        _replicaDataSources.Add(dataSource);
        var dispatcher = new OutboxDispatcher(
            dataSource, Bus, Host.Services.GetRequiredService<IOptions<MessagingOptions>>(), NullLogger<OutboxDispatcher>.Instance);
        _replicaDispatchers.Add(dispatcher);
        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        return dispatcher;
    }

    /// <summary>Enqueues events in transactions of <paramref name="perTransaction"/>, committed one after another.</summary>
    public async Task EnqueueAsync<T>(IEnumerable<T> events, int perTransaction)
        where T : class
    {
        foreach (var chunk in events.Chunk(perTransaction))
        {
            await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
            foreach (var message in chunk)
            {
                await Outbox.EnqueueAsync(transaction, message, TestContext.Current.CancellationToken);
            }

            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException($"{sql} returned null");
    }

    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<T>(sql)).AsList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dispatcher in _replicaDispatchers)
        {
            await dispatcher.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
        }

        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        foreach (var dataSource in _replicaDataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
