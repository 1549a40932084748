using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace Platform.ServiceDefaults.Resilience;

internal static class HttpResilienceRegistration
{
    // The OTLP exporters retry and time out on their own; the log exporter's client comes from
    // IHttpClientFactory and would otherwise get a second layer.
    private static readonly string[] OtlpExporterClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    public static IServiceCollection AddHttpResilience(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(HttpResilienceOptions.SectionName);
        services.ConfigureAll<HttpResilienceOptions>(options => section.Bind(options));
        foreach (var client in OtlpExporterClients)
        {
            services.Configure<HttpResilienceOptions>(client, options => options.Enabled = false);
        }

        services.TryAddSingleton<ResiliencePipelineRegistry<HttpResiliencePipelineKey>>();
        return services;
    }

    /// <summary>
    /// Adds the handler to the clients whose named options leave it enabled. It goes through the
    /// handler builder because that is where the client's name is known.
    /// </summary>
    public static IHttpClientBuilder AddResilienceHandler(this IHttpClientBuilder http)
    {
        http.Services.ConfigureAll<HttpClientFactoryOptions>(factory =>
            factory.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                var clientName = handlers.Name ?? Options.DefaultName;
                var options = handlers.Services.GetRequiredService<IOptionsMonitor<HttpResilienceOptions>>().Get(clientName);
                if (!options.Enabled)
                {
                    return;
                }

                handlers.AdditionalHandlers.Add(new HttpResilienceHandler(
                    handlers.Services.GetRequiredService<ResiliencePipelineRegistry<HttpResiliencePipelineKey>>(),
                    clientName,
                    options,
                    handlers.Services.GetRequiredService<ILogger<HttpResilienceHandler>>()));
            }));
        return http;
    }
}
