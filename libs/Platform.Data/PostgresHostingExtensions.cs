using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Data.Health;
using Platform.Data.Migrations;

// Like AddServiceDefaults: in Microsoft.Extensions.Hosting so a service's Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a service's Postgres database and its SQL migrations.</summary>
public static class PostgresHostingExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="NpgsqlDataSource"/> for <c>ConnectionStrings__<paramref name="connectionName"/></c>
    /// (the AppHost injects it) and a health check named after the connection that runs <c>SELECT 1</c>.
    /// One database per service: call it once.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDataSource(this IHostApplicationBuilder builder, string connectionName)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(NpgsqlDataSource)))
        {
            throw new InvalidOperationException($"a Postgres data source is already registered; AddPostgresDataSource(\"{connectionName}\") can be called once per service");
        }

        var applicationName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton(services =>
        {
            // Read when first resolved, so configuration added after this call (tests, hosts) still counts.
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost injects it for a referenced database)");
            }

            // Named connections make pg_stat_activity say which service holds them.
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            settings.ApplicationName ??= applicationName;
            // A service sends the same few statements all day: preparing them once per connection saves Postgres the
            // parse and plan of every call (measured in bench/: most of its CPU after the queries themselves).
            if (settings.MaxAutoPrepare == 0)
            {
                settings.MaxAutoPrepare = 64;
                settings.AutoPrepareMinUsages = 2;
            }
            return new NpgsqlDataSourceBuilder(settings.ConnectionString)
                .UseLoggerFactory(services.GetService<ILoggerFactory>())
                .Build();
        });
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>(connectionName, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>
    /// Applies the SQL files embedded as <c>Migrations/NNNN_name.sql</c> in <paramref name="assembly"/> (usually the
    /// service's own: <c>&lt;EmbeddedResource Include="Migrations/*.sql" /&gt;</c>) at start-up, before any other
    /// hosted service and before the server listens. See <see cref="MigrationSet"/> for the rules.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresMigrations(this IHostApplicationBuilder builder, Assembly assembly) =>
        builder.AddPostgresMigrations(MigrationSet.FromAssembly(assembly));

    /// <summary>Applies <paramref name="migrations"/> at start-up, after the sets registered before it.</summary>
    public static IHostApplicationBuilder AddPostgresMigrations(this IHostApplicationBuilder builder, MigrationSet migrations)
    {
        if (builder.Services.Any(service => !service.IsKeyedService && service.ImplementationInstance is MigrationSet set && set.HistoryTable == migrations.HistoryTable))
        {
            throw new InvalidOperationException($"two migration sets record into '{migrations.HistoryTable}'; give each set its own history table");
        }

        builder.Services.AddSingleton(migrations);
        builder.Services.TryAddSingleton<PostgresMigrator>();
        if (!builder.Services.Any(service => !service.IsKeyedService && service.ImplementationType == typeof(MigrationHostedService)))
        {
            // First of all hosted services: the message bus, the outbox dispatcher and the web server may use the tables.
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        }

        return builder;
    }
}
