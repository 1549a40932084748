using System.Net;
using Platform.ServiceDefaults.Tests.Support;

namespace Platform.ServiceDefaults.Tests.Telemetry;

/// <summary>MinimalService as a real process, exporting to a real OTLP/HTTP receiver.</summary>
public sealed class OtlpExportProcessTests
{
    [Fact]
    public async Task RequestSpan_ReachesTheCollector_WithServiceNameAndResourceAttributes_ButProbesDoNot()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        // Only the batching delay is set by the test; service name, resource attributes and the exporter endpoint
        // come from the AppHost's environment injection.
        await using var service = await MinimalServiceProcess.StartAsync(receiver.Endpoint, new Dictionary<string, string>
        {
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });
        using var http = new HttpClient { BaseAddress = service.Address };

        // Start-up already polled /health; probe /alive too before the real request.
        using var alive = await http.GetAsync("/alive", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("pong", await http.GetStringAsync("/ping", TestContext.Current.CancellationToken));

        var ping = await receiver.WaitForSpanAsync(
            span => span.Attributes.GetValueOrDefault("url.path") == "/ping", TimeSpan.FromSeconds(20));

        Assert.Equal("Microsoft.AspNetCore", ping.Scope);
        Assert.Equal("GET /ping", ping.Name);
        Assert.Equal("minimal-service", ping.Resource["service.name"]);
        Assert.Equal("minimal-service-0", ping.Resource["service.instance.id"]);
        Assert.Equal("200", ping.Attributes["http.response.status_code"]);

        // The probes ended before /ping started, so had they been recorded they would have been exported by now.
        Assert.DoesNotContain(receiver.Spans, span =>
            span.Attributes.GetValueOrDefault("url.path") is "/health" or "/alive");
    }
}
