using System.Runtime.InteropServices;
using Platform.Hosting.Console;
using Platform.Hosting.Manifest;
using Platform.Hosting.Model;
using Platform.Hosting.Resources.Projects;
using Platform.Hosting.Runtime;
using Platform.Hosting.State;

namespace Platform.Hosting;

/// <summary>
/// A built topology: runs it (real Postgres, Redis, RabbitMQ and every service as local processes, the way
/// Aspire's AppHost does) or publishes it as an Aspire manifest.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly IReadOnlyList<ReadyHook> _readyHooks;
    private Orchestrator? _orchestrator;
    private RunContext? _context;

    internal DistributedApplication(HostingOptions options, IReadOnlyList<Resource> resources, IReadOnlyList<ReadyHook> readyHooks)
    {
        Options = options;
        _resources = resources;
        _readyHooks = readyHooks;
        RepositoryRootPath = options.RepositoryRoot ?? RepositoryRoot.Find();
        Paths = new PlatformPaths(options.StateDirectory ?? Path.Combine(RepositoryRootPath, ".platform"));
    }

    /// <summary>Starts declaring a topology; <paramref name="args"/> are the AppHost's command line.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(HostingOptions.Parse(args));

    /// <summary>Starts declaring a topology with explicit options (test fixtures).</summary>
    public static DistributedApplicationBuilder CreateBuilder(HostingOptions options) => new(options);

    /// <summary>The options of this run.</summary>
    public HostingOptions Options { get; }

    /// <summary>State, data and log locations.</summary>
    public PlatformPaths Paths { get; }

    /// <summary>The folder holding Platform.sln.</summary>
    public string RepositoryRootPath { get; }

    /// <summary>Raised for every line an operator should see (health changes, crashes, restarts).</summary>
    public event Action<string>? Event;

    /// <summary>The AppHost's main loop: <c>publish</c>, or run until Ctrl+C / SIGTERM. Returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        try
        {
            if (Options.Verb == "publish")
            {
                var path = Options.ManifestPath ?? Path.Combine(RepositoryRootPath, "aspire-manifest.json");
                await File.WriteAllTextAsync(path, PublishManifest());
                System.Console.WriteLine($"Wrote {path}");
                return 0;
            }
            return await RunUntilStoppedAsync();
        }
        catch (HostingException ex)
        {
            System.Console.Error.WriteLine();
            System.Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The manifest text (aspire-8.0 schema).</summary>
    public string PublishManifest() => ManifestWriter.Write(_resources, RepositoryRootPath);

    /// <summary>Starts the selected resources and returns once all are healthy.</summary>
    /// <exception cref="HostingException">A binary is missing, a port is taken, or a resource never became healthy.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var reaped = await OrphanReaper.ReapAsync(Paths);
        if (reaped > 0)
        {
            Event?.Invoke($"stopped {reaped} process(es) left running by an earlier AppHost");
        }
        if (Options.Fresh)
        {
            Wipe();
        }
        _context = new RunContext(Options, Paths, RepositoryRootPath);
        _orchestrator = new Orchestrator(Selected(), _context);
        _orchestrator.Event += message => Event?.Invoke(message);
        await _orchestrator.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Uses resources that another AppHost process started with the same topology and state directory (the shared
    /// servers <c>./platform test</c> starts once for every test assembly): connection strings work, nothing is started.
    /// </summary>
    /// <exception cref="HostingException">No live run is recorded there, or a resource is not running.</exception>
    public void Attach()
    {
        var state = StateFile.Read(Paths.StateFile);
        if (state is null || !new ProcessIdentity(state.AppHost.Pid, state.AppHost.StartTicks).IsAlive)
        {
            throw new HostingException($"No running AppHost owns {Paths.StateDirectory}; start one or unset the variable that points here.");
        }
        _context = new RunContext(Options, Paths, RepositoryRootPath);
        foreach (var resource in Selected().Where(r => r is IRunnableResource))
        {
            var recorded = state.Resources.FirstOrDefault(r => r.Name == resource.Name);
            if (recorded is not { State: "running" })
            {
                throw new HostingException($"{resource} is not running in the AppHost that owns {Paths.StateDirectory}.");
            }
            foreach (var instance in recorded.Instances)
            {
                _context.Adopt(resource.Name, instance.Replica, instance.Ports);
            }
        }
    }

    /// <summary>Stops every resource, dependents first.</summary>
    public async Task StopAsync()
    {
        if (_orchestrator is { } orchestrator)
        {
            await orchestrator.StopAsync();
        }
    }

    internal IEnumerable<ServiceResource> Services => _resources.OfType<ServiceResource>();

    /// <summary>Every resource's state, as in state.json.</summary>
    public IReadOnlyList<ResourceSnapshot> Snapshot() => _orchestrator?.Snapshot() ?? [];

    /// <summary>The live connection string of a server or database (what a reference injects).</summary>
    public string GetConnectionString(string resource) =>
        Find(resource) is IResourceWithConnectionString withConnectionString
            ? withConnectionString.GetConnectionString(Started)
            : throw new HostingException($"'{resource}' has no connection string.");

    /// <summary>A parameter's value in this run (generated, from secrets.json, or from <c>Parameters__&lt;name&gt;</c>).</summary>
    public string GetParameterValue(string name) =>
        (_context ?? throw new InvalidOperationException("start the application first"))
            .ParameterValue(_resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name)
                ?? throw new HostingException($"there is no parameter '{name}'"));

    /// <summary>The live address of a service's endpoint (what a reference injects).</summary>
    public Uri GetEndpoint(string resource, string endpoint = "http", int replica = 0) =>
        Find(resource) is ServiceResource service && service.Endpoints.FirstOrDefault(e => e.Name == endpoint) is { } found
            ? service.Url(Started, found, replica)
            : throw new HostingException($"'{resource}' has no endpoint '{endpoint}'.");

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private RunContext Started => _context ?? throw new InvalidOperationException("The application has not been started.");

    private Resource Find(string name) =>
        _resources.FirstOrDefault(r => r.Name == name) ?? throw new HostingException($"No resource named '{name}'.");

    private IReadOnlyList<Resource> Selected()
    {
        var unknown = Options.Only.Where(name => _resources.All(r => r.Name != name)).ToList();
        if (unknown.Count > 0)
        {
            throw new HostingException(
                $"--only names unknown resources: {string.Join(", ", unknown)}. Known: {string.Join(", ", _resources.Select(r => r.Name))}.");
        }
        return Options.Only.Count == 0 ? _resources : _resources.Where(r => Options.Only.Contains(r.Name)).ToList();
    }

    private void Wipe()
    {
        if (Directory.Exists(Paths.DataRoot))
        {
            Directory.Delete(Paths.DataRoot, recursive: true);
        }
        if (Directory.Exists(Paths.StateDirectory))
        {
            Directory.Delete(Paths.StateDirectory, recursive: true);
        }
        Event?.Invoke($"--fresh: wiped {Paths.StateDirectory}");
    }

    private async Task<IReadOnlyList<string>> RunReadyHooksAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var hook in _readyHooks)
        {
            try
            {
                lines.AddRange(await hook(this, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Event?.Invoke($"first-run setup failed: {exception.Message}");
            }
        }
        return lines;
    }

    private async Task<int> RunUntilStoppedAsync()
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var starting = new CancellationTokenSource();
        void RequestStop(PosixSignalContext context)
        {
            context.Cancel = true;
            starting.Cancel();
            stop.TrySetResult();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
        await using var console = RunConsole.Create(this);
        try
        {
            await StartAsync(starting.Token);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        console.ShowReady(await RunReadyHooksAsync(starting.Token));
        await stop.Task;
        console.ShowStopping();
        await StopAsync();
        console.Report("all resources stopped");
        return 0;
    }
}
