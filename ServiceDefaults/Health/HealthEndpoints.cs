using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";
    public const string LiveTag = "live";

    public static IServiceCollection AddDefaultHealthChecks(this IServiceCollection services)
    {
        // Liveness must not depend on databases or peers: a restart would not fix them.
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapDefaultHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Probes arrive every few seconds; counting them would drown the request-duration histogram.
        endpoints.MapHealthChecks(ReadinessPath).DisableHttpMetrics();
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
        }).DisableHttpMetrics();
        return endpoints;
    }

    public static bool IsProbe(string? path) =>
        string.Equals(path, ReadinessPath, StringComparison.OrdinalIgnoreCase)
        || string.Equals(path, LivenessPath, StringComparison.OrdinalIgnoreCase);
}
