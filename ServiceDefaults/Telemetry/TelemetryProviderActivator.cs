using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Nothing else resolves the tracer and meter providers, and an unbuilt provider listens to
/// nothing. The host constructs every hosted service before starting any of them, so asking for
/// the providers here builds them before Kestrel accepts the first request. The container owns
/// them and disposes them (flushing what is still batched) when the host shuts down.
/// </summary>
internal sealed class TelemetryProviderActivator : IHostedService
{
    public TelemetryProviderActivator(TracerProvider tracerProvider, MeterProvider meterProvider)
    {
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
