using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Json;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Resilience;
using Platform.ServiceDefaults.ServiceDiscovery;
using Platform.ServiceDefaults.Telemetry;

// Aspire's template puts these in Microsoft.Extensions.Hosting so Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every platform service gets: telemetry, health probes, service discovery,
/// resilient internal HTTP calls, ProblemDetails and the shared JSON conventions.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Registers OpenTelemetry (OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), the
    /// default health checks, service discovery and resilience for every <see cref="HttpClient"/>,
    /// ProblemDetails and <see cref="PlatformJson"/> for HTTP JSON.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.QuietPerRequestLogs();
        builder.AddPlatformTelemetry();
        builder.Services.AddDefaultHealthChecks();
        builder.Services.AddHttpResilience(builder.Configuration);
        builder.Services.AddSingleton<ServiceEndpointResolver>();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Resilience wraps discovery so that every retry resolves a replica again.
            http.AddResilienceHandler();
            http.AddHttpMessageHandler(services =>
                new ServiceDiscoveryHandler(services.GetRequiredService<ServiceEndpointResolver>()));
        });

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => PlatformJson.ApplyTo(options.SerializerOptions));
        return builder;
    }

    /// <summary>
    /// Adds the ProblemDetails exception handler and status code pages, and maps
    /// <c>/health</c> (readiness: every check) and <c>/alive</c> (liveness: checks tagged "live")
    /// in every environment. Call it right after <c>Build()</c>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // In Development the developer exception page (added by WebApplication) answers instead,
        // with the same ProblemDetails shape plus the exception.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        app.UseStatusCodePages();
        app.MapDefaultHealthEndpoints();
        return app;
    }
}
