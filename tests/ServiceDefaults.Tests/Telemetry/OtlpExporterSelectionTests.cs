using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Tests.Support;

namespace Platform.ServiceDefaults.Tests.Telemetry;

public sealed class OtlpExporterSelectionTests
{
    // Where an OTLP/HTTP exporter sends when OTEL_EXPORTER_OTLP_ENDPOINT is not set.
    private const string DefaultOtlpHttpEndpoint = "http://localhost:4318/";

    [Fact]
    public async Task NoExportIsAttempted_WhenOtlpEndpointIsAbsent()
    {
        // Every HttpClient request in this process starts a System.Net.Http activity, exporters' included;
        // an exporter would post to the default endpoint at the latest when shutdown flushes it.
        var requests = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => requests.Enqueue(activity.GetTagItem("url.full") as string ?? ""),
        };
        ActivitySource.AddActivityListener(listener);

        await RunOneRequestAsync(new() { ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" }, $"/work-{Guid.NewGuid():N}");

        Assert.Contains(requests, url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, url => url.StartsWith(DefaultOtlpHttpEndpoint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TracesMetricsAndLogsAreExported_WhenOtlpEndpointIsAConfigurationKey()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var path = $"/work-{Guid.NewGuid():N}";

        await RunOneRequestAsync(
            new()
            {
                ["OTEL_SERVICE_NAME"] = "selection-test",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            },
            path);

        var span = Assert.Single(receiver.Spans, s => s.Attributes.GetValueOrDefault("url.path") == path);
        Assert.Equal("selection-test", span.Resource["service.name"]);
        Assert.Contains("/v1/metrics", receiver.Exports.Keys);
        Assert.Contains("/v1/logs", receiver.Exports.Keys);
    }

    // Disposing the app shuts the providers down, which flushes whatever an exporter holds.
    private static async Task RunOneRequestAsync(Dictionary<string, string?> settings, string path)
    {
        await using var app = await TestHosts.StartWebAppAsync(
            settings,
            mapEndpoints: endpoints => endpoints.MapGet(path, (ILoggerFactory logs) =>
            {
                logs.CreateLogger("Platform.Tests").LogInformation("Handled {Path}", path);
                return Results.Ok();
            }));
        using var http = app.CreateClient();
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
