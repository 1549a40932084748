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
        // Export only where a collector is configured (the AppHost sets it); otherwise telemetry
        // stays in-process and nothing retries against a collector that is not there.
        var exportToOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (exportToOtlp)
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(services =>
            BuildTracerProvider(services.GetRequiredService<IConfiguration>(), exportToOtlp));
        builder.Services.AddSingleton(services =>
            BuildMeterProvider(services.GetRequiredService<IConfiguration>(), exportToOtlp));
        builder.Services.AddHostedService<TelemetryProviderActivator>();
        builder.Services.AddTransient<IStartupFilter, HttpServerSpanStartupFilter>();
    }

    private static TracerProvider BuildTracerProvider(IConfiguration configuration, bool exportToOtlp)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => UseHostConfiguration(services, configuration))
            .AddSource(TraceSources);
        if (exportToOtlp)
        {
            tracing.AddOtlpExporter();
        }

        return tracing.Build();
    }

    private static MeterProvider BuildMeterProvider(IConfiguration configuration, bool exportToOtlp)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => UseHostConfiguration(services, configuration))
            .AddMeter(Meters);
        if (exportToOtlp)
        {
            metrics.AddOtlpExporter();
        }

        return metrics.Build();
    }

    // A provider from Sdk.Create* has its own container whose IConfiguration holds only
    // environment variables. Handing it the host's configuration makes OTEL_* settings from
    // appsettings and the command line (service name, resource attributes, protocol, batch
    // delays) apply to traces and metrics exactly as they do to logs.
    private static void UseHostConfiguration(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(configuration);
}
