using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] TraceSources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit", "Platform.*"];

    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http",
        "System.Runtime", "MassTransit", "Platform.*",
    ];

    public static void AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTransient<IStartupFilter, HttpServerSpanStartupFilter>();
        // Export only where a collector is configured (the AppHost sets it). Without one, no provider listens at all:
        // recording spans, metrics and log records that nobody reads cost every request CPU (measured on the edge's
        // hot path) and nothing would retry against a collector that is not there.
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddOtlpExporter();
        });
        builder.Services.AddSingleton(services => BuildTracerProvider(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(services => BuildMeterProvider(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddHostedService<TelemetryProviderActivator>();
    }

    private static TracerProvider BuildTracerProvider(IConfiguration configuration) =>
        Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => UseHostConfiguration(services, configuration))
            .AddSource(TraceSources)
            .AddOtlpExporter()
            .Build();

    private static MeterProvider BuildMeterProvider(IConfiguration configuration) =>
        Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => UseHostConfiguration(services, configuration))
            .AddMeter(Meters)
            .AddOtlpExporter()
            .Build();

    // A provider from Sdk.Create* has its own container whose IConfiguration holds only
    // environment variables. Handing it the host's configuration makes OTEL_* settings from
    // appsettings and the command line (service name, resource attributes, protocol, batch
    // delays) apply to traces and metrics exactly as they do to logs.
    private static void UseHostConfiguration(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(configuration);
}
