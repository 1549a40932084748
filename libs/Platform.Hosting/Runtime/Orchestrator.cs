using Platform.Hosting.Model;
using Platform.Hosting.Resources.Projects;
using Platform.Hosting.State;

namespace Platform.Hosting.Runtime;

/// <summary>
/// Starts resources as soon as what they wait for is healthy (independent ones in parallel), keeps state.json
/// current, and stops everything in reverse dependency order.
/// </summary>
internal sealed class Orchestrator
{
    private readonly RunContext _context;
    private readonly List<ResourceRun> _runs;
    private readonly CancellationTokenSource _stopping = new();
    private readonly AppHostRecord _owner;
    private Task _healthLoop = Task.CompletedTask;

    public Orchestrator(IReadOnlyList<Resource> resources, RunContext context)
    {
        _context = context;
        _runs = TopologicalOrder(resources).Select(r => new ResourceRun(r, context, WriteState, Report)).ToList();
        var self = ProcessIdentity.Of(Environment.ProcessId);
        _owner = new AppHostRecord(Environment.ProcessId, self?.StartTicks ?? 0, DateTimeOffset.Now,
            context.Paths.StateDirectory, context.Paths.DataRoot);
    }

    /// <summary>Raised with a human-readable line whenever something happens that an operator should see.</summary>
    public event Action<string>? Event;

    public IReadOnlyList<ResourceSnapshot> Snapshot() => _runs.Select(run => run.Snapshot()).ToArray();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var run in _runs)
        {
            if (run.Resource is IRunnableResource runnable)
            {
                foreach (var binary in runnable.RequiredBinaries(_context.Options))
                {
                    binary.EnsureInstalled(run.Resource.ToString());
                }
            }
        }
        // Fixed ports are checked before anything starts, so a taken port fails the run at once.
        foreach (var service in _runs.Select(run => run.Resource).OfType<ServiceResource>())
        {
            foreach (var endpoint in service.Endpoints)
            {
                for (var replica = 0; replica < service.Replicas; replica++)
                {
                    service.Url(_context, endpoint, replica);
                }
            }
        }
        Directory.CreateDirectory(_context.Paths.LogsDirectory);
        Directory.CreateDirectory(_context.Paths.DataRoot);
        WriteState();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var starts = _runs.Select(run => StartWhenReadyAsync(run, linked.Token)).ToArray();
        await Task.WhenAll(starts).ContinueWith(_ => { }, TaskScheduler.Default);
        var failures = _runs.Where(run => run.State == "failed" && run.Detail is not null && !run.Detail.StartsWith("not started", StringComparison.Ordinal))
            .Select(run => run.Detail!)
            .ToList();
        if (failures.Count > 0 || cancellationToken.IsCancellationRequested)
        {
            await StopAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new HostingException(string.Join(Environment.NewLine + Environment.NewLine, failures));
        }
        _healthLoop = HealthLoopAsync(_stopping.Token);
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _healthLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        // Dependents first: a service stops before the database it writes to.
        for (var i = _runs.Count - 1; i >= 0; i--)
        {
            await _runs[i].StopAsync();
        }
        WriteState();
    }

    private async Task StartWhenReadyAsync(ResourceRun run, CancellationToken cancellationToken)
    {
        foreach (var dependency in run.Resource.StartDependencies)
        {
            var dependencyRun = _runs.First(r => r.Resource == dependency);
            try
            {
                await dependencyRun.Ready.Task.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                var log = dependencyRun.Snapshot().Instances.FirstOrDefault()?.Log ?? _context.Paths.LogFile(dependency.Name);
                run.Fail($"not started: {run.Resource.Name} waits for {dependency.Name}, which never became healthy (its log: {log}).");
                return;
            }
            catch (OperationCanceledException)
            {
                run.Fail("not started: the run was stopped.");
                return;
            }
        }
        try
        {
            var started = DateTime.UtcNow;
            await run.StartAsync(cancellationToken, _stopping.Token);
            if (run.Resource is not ParameterResource)
            {
                Report($"{run.Resource.Name} is healthy ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)");
            }
        }
        catch (HostingException ex)
        {
            run.Fail(ex.Message);
        }
        catch (OperationCanceledException)
        {
            run.Fail("not started: the run was stopped.");
        }
    }

    private async Task HealthLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stopping);
                foreach (var run in _runs)
                {
                    await run.CheckHealthAsync(stopping);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Report(string message) => Event?.Invoke(message);

    private void WriteState() => StateFile.Write(_context.Paths.StateFile, new StateDocument(_owner, Snapshot()));

    private static List<Resource> TopologicalOrder(IReadOnlyList<Resource> resources)
    {
        var ordered = new List<Resource>();
        var visiting = new HashSet<Resource>();
        void Visit(Resource resource)
        {
            if (ordered.Contains(resource))
            {
                return;
            }
            if (!visiting.Add(resource))
            {
                throw new HostingException($"{resource} waits for itself through a cycle of WaitFor calls.");
            }
            foreach (var dependency in Dependencies(resource))
            {
                Visit(dependency);
            }
            ordered.Add(resource);
        }
        foreach (var resource in resources)
        {
            Visit(resource);
        }
        return ordered;
    }

    internal static IEnumerable<Resource> Dependencies(Resource resource) =>
        resource is ServiceResource service ? resource.StartDependencies.Concat(service.References) : resource.StartDependencies;
}
