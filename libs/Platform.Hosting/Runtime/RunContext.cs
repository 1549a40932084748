using Platform.Hosting.Model;

namespace Platform.Hosting.Runtime;

/// <summary>What a run has decided: paths, parameter values and ports.</summary>
public sealed class RunContext
{
    private readonly SecretStore _secrets;
    private readonly PortAllocator _ports = new();
    private readonly Dictionary<(string Resource, string Endpoint, int Replica), int> _assigned = [];

    internal RunContext(HostingOptions options, PlatformPaths paths, string repositoryRoot)
    {
        Options = options;
        Paths = paths;
        RepositoryRoot = repositoryRoot;
        _secrets = new SecretStore(paths.SecretsFile);
    }

    /// <summary>The run's options.</summary>
    public HostingOptions Options { get; }

    /// <summary>State, data and log locations.</summary>
    public PlatformPaths Paths { get; }

    /// <summary>The folder holding Platform.sln.</summary>
    public string RepositoryRoot { get; }

    internal IReadOnlyDictionary<string, int> PortsOf(string resource, int replica)
    {
        lock (_assigned)
        {
            return _assigned.Where(entry => entry.Key.Resource == resource && entry.Key.Replica == replica)
                .ToDictionary(entry => entry.Key.Endpoint, entry => entry.Value);
        }
    }

    // Attaching to a run started by another process: its ports are already decided.
    internal void Adopt(string resource, int replica, IReadOnlyDictionary<string, int> ports)
    {
        lock (_assigned)
        {
            foreach (var (endpoint, port) in ports)
            {
                _assigned[(resource, endpoint, replica)] = port;
            }
        }
    }

    internal string ParameterValue(ParameterResource parameter) => _secrets.Get(parameter);

    /// <summary>The loopback port of a resource's endpoint (allocated on first use, stable for the run).</summary>
    public int Port(Resource resource, string endpoint, int replica = 0, int? fixedPort = null)
    {
        lock (_assigned)
        {
            var key = (resource.Name, endpoint, replica);
            if (!_assigned.TryGetValue(key, out var port))
            {
                port = fixedPort is { } wanted && replica == 0
                    ? _ports.Fixed(wanted, $"{resource} endpoint '{endpoint}'")
                    : _ports.Free();
                _assigned[key] = port;
            }
            return port;
        }
    }
}
