using Platform.Hosting.Model;
using Platform.Hosting.State;

namespace Platform.Hosting.Runtime;

/// <summary>The life of one resource in a run: start, supervision (restart after a crash), health, stop.</summary>
internal sealed class ResourceRun(Resource resource, RunContext context, Action changed, Action<string> report)
{
    private const int MaxRestarts = 5;
    private readonly List<InstanceRunner> _instances = [];
    private readonly List<Task> _supervisors = [];

    public Resource Resource => resource;

    public string State { get; private set; } = "waiting";

    public string Health { get; private set; } = "unknown";

    public int Restarts { get; private set; }

    public string? Detail { get; private set; }

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="cancellationToken">Aborts the start.</param>
    /// <param name="stopping">Fires when the run stops; ends supervision.</param>
    public async Task StartAsync(CancellationToken cancellationToken, CancellationToken stopping)
    {
        Set("starting", "unknown", null);
        if (resource is IRunnableResource runnable)
        {
            await runnable.PrepareAsync(context, cancellationToken);
            lock (_instances)
            {
                _instances.AddRange(Enumerable.Range(0, runnable.Replicas).Select(i => new InstanceRunner(runnable, resource.Name, i, context)));
            }
            await Task.WhenAll(_instances.Select(instance => instance.StartAsync(cancellationToken)));
            _supervisors.AddRange(_instances.Select(instance => SuperviseAsync(instance, stopping)));
        }
        Set("running", "healthy", null);
        Ready.TrySetResult();
    }

    public void Fail(string detail)
    {
        Set("failed", "unhealthy", detail);
        Ready.TrySetException(new HostingException(detail));
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (State != "running")
        {
            return;
        }
        var problems = await Task.WhenAll(_instances.Select(instance => instance.ProbeAsync(cancellationToken)));
        var problem = problems.FirstOrDefault(p => p is not null);
        var health = problem is null ? "healthy" : "unhealthy";
        if (health != Health)
        {
            report(problem is null ? $"{resource.Name} is healthy again" : $"{resource.Name} is unhealthy: {problem}");
            Set(State, health, problem);
        }
    }

    public async Task StopAsync()
    {
        if (_instances.Count == 0)
        {
            Set(State is "failed" ? State : "stopped", "unknown", Detail);
            return;
        }
        Set("stopping", Health, null);
        await Task.WhenAll(_instances.Select(instance => instance.StopAsync()));
        await Task.WhenAll(_supervisors).ContinueWith(_ => { }, TaskScheduler.Default);
        Set("stopped", "unknown", null);
    }

    public ResourceSnapshot Snapshot()
    {
        InstanceSnapshot[] instances;
        lock (_instances)
        {
            instances = _instances.Select(i => new InstanceSnapshot(i.Replica, i.Endpoints, context.PortsOf(resource.Name, i.Replica), i.Processes, i.LogFile)).ToArray();
        }
        return new ResourceSnapshot(resource.Name, resource.Kind, State, Health, Restarts, instances, Detail);
    }

    private async Task SuperviseAsync(InstanceRunner instance, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                var exitCode = await instance.WaitForExitAsync(stopping);
                stopping.ThrowIfCancellationRequested();
                Set("crashed", "unhealthy", $"exited with code {exitCode}");
                report($"{resource.Name} exited with code {exitCode}. Last lines of {instance.LogFile}:{Environment.NewLine}{LogTail.Read(instance.LogFile)}");
                await RestartAsync(instance, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(InstanceRunner instance, CancellationToken stopping)
    {
        while (true)
        {
            await instance.StopAsync();
            if (Restarts >= MaxRestarts)
            {
                Set("failed", "unhealthy", $"crashed {Restarts + 1} times; see {instance.LogFile}");
                report($"{resource.Name} gave up after {MaxRestarts} restarts");
                await Task.Delay(Timeout.Infinite, stopping);
            }
            Restarts++;
            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, Restarts - 1)), stopping);
            try
            {
                await instance.StartAsync(stopping);
                Set("running", "healthy", null);
                report($"{resource.Name} restarted (restart {Restarts})");
                return;
            }
            catch (HostingException ex)
            {
                report(ex.Message);
            }
        }
    }

    private void Set(string state, string health, string? detail)
    {
        State = state;
        Health = health;
        Detail = detail;
        changed();
    }
}
