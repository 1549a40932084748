using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Messaging;
using Platform.Messaging.Outbox;

// Like AddServiceDefaults: in Microsoft.Extensions.Hosting so a service's Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers MassTransit on RabbitMQ with the platform's conventions, the Postgres outbox and the inbox.</summary>
public static class MessagingHostingExtensions
{
    /// <summary>The connection string name of the broker (<c>ConnectionStrings__rabbitmq</c>, an amqp URI).</summary>
    public const string RabbitMqConnectionName = "rabbitmq";

    /// <summary>
    /// Adds the bus (kebab-case endpoint names, retries then the <c>_error</c> queue, MassTransit's OpenTelemetry
    /// source and meter), <see cref="OutboxWriter"/>, the dispatcher that publishes the outbox, and the migrations of
    /// the <c>outbox</c> and <c>inbox</c> tables (history in <c>messaging_schema_migrations</c>). Call after
    /// <c>AddPostgresDataSource</c>: both tables live in the service's database.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="configureBus">Registers consumers: <c>bus =&gt; bus.AddConsumer&lt;KeyRevokedConsumer&gt;()</c>.</param>
    /// <param name="configureOptions">Changes <see cref="MessagingOptions"/>.</param>
    public static IHostApplicationBuilder AddPlatformMessaging(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? configureBus = null,
        Action<MessagingOptions>? configureOptions = null)
    {
        if (!builder.Services.Any(service => service.ServiceType == typeof(NpgsqlDataSource)))
        {
            throw new InvalidOperationException("call AddPostgresDataSource before AddPlatformMessaging: the outbox and inbox tables live in the service's database");
        }

        var options = builder.Services.AddOptions<MessagingOptions>();
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        builder.AddPostgresMigrations(MessagingMigrations.Set);
        builder.Services.AddSingleton<OutboxWriter>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) => ConfigureEndpoint(context, endpoint));
            configureBus?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(RabbitMqConnectionString(context)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        // Consumers are connected before the service reports started, so nothing published at start-up is missed.
        builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = true);
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddHostedService<MessagingRetention>();
        return builder;
    }

    private static void ConfigureEndpoint(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
        endpoint.UseMessageRetry(retry =>
        {
            retry.Intervals(options.RetryIntervals);
            // A unique-key violation means "already done" (consumers treat it so); one that escapes is a bug no retry fixes.
            retry.Ignore<PostgresException>(exception => exception.SqlState == PostgresErrorCodes.UniqueViolation);
        });
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = options.PrefetchCount;
        }
    }

    private static string RabbitMqConnectionString(IRegistrationContext context)
    {
        var connectionString = context.GetRequiredService<IConfiguration>().GetConnectionString(RabbitMqConnectionName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"connection string '{RabbitMqConnectionName}' is missing: set ConnectionStrings__{RabbitMqConnectionName} to an amqp URI (the AppHost injects it)")
            : connectionString;
    }
}
