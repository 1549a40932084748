using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Resolves a logical service name to the addresses the AppHost injected as
/// <c>services__&lt;service&gt;__&lt;endpoint&gt;__&lt;index&gt;</c> (Aspire's contract).
/// Several indexes mean several replicas; <see cref="Resolve"/> rotates through them.
/// </summary>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    // One rotation per service endpoint, so calls to one service do not skew another's.
    private readonly ConcurrentDictionary<(string Service, string Endpoint), StrongBox<int>> _next = new();

    /// <summary>Every address configured for the service's endpoint, in index order.</summary>
    public IReadOnlyList<Uri> ResolveAll(string service, string endpoint = "http")
    {
        var section = configuration.GetSection($"services:{service}:{endpoint}");
        return section.GetChildren()
            .Select(child => (Index: int.TryParse(child.Key, out var i) ? i : int.MaxValue, child.Value))
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .OrderBy(entry => entry.Index)
            .Select(entry => new Uri(entry.Value!, UriKind.Absolute))
            .ToArray();
    }

    /// <summary>One address for the service's endpoint, round-robin across replicas.</summary>
    /// <exception cref="InvalidOperationException">No address is configured.</exception>
    public Uri Resolve(string service, string endpoint = "http")
    {
        var all = ResolveAll(service, endpoint);
        if (all.Count == 0)
        {
            throw new InvalidOperationException(
                $"No address for service '{service}' endpoint '{endpoint}': set services__{service}__{endpoint}__0 " +
                "(the AppHost injects it when the caller has WithReference to the service).");
        }
        var counter = _next.GetOrAdd((service, endpoint), _ => new StrongBox<int>());
        var index = (uint)Interlocked.Increment(ref counter.Value) % (uint)all.Count;
        return all[(int)index];
    }
}
