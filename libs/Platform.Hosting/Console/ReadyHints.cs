using Platform.Hosting.Resources.Projects;

namespace Platform.Hosting.Console;

/// <summary>How to call the platform once it is up: one line per external endpoint.</summary>
internal static class ReadyHints
{
    public static IReadOnlyList<string> For(DistributedApplication app, IEnumerable<ServiceResource> services) =>
        services
            .SelectMany(service => service.Endpoints.Where(e => e.IsExternal).Select(e => (service, e)))
            .Select(pair => app.GetEndpoint(pair.service.Name, pair.e.Name))
            .Select(url => $"curl {url}v1/models -H \"Authorization: Bearer $API_KEY\"")
            .ToArray();
}
