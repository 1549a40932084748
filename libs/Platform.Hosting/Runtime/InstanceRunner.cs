using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.Hosting.State;

namespace Platform.Hosting.Runtime;

/// <summary>One instance of a runnable resource: starts its processes, waits until healthy, and watches for exits.</summary>
internal sealed class InstanceRunner(IRunnableResource resource, string name, int replica, RunContext context)
{
    private readonly List<(Process Process, ProcessIdentity Identity, int StopSignal)> _processes = [];

    public int Replica => replica;

    public string LogFile => context.Paths.LogFile(name, replica);

    public IReadOnlyList<ProcessRecord> Processes
    {
        get
        {
            lock (_processes)
            {
                return _processes.Select(p => new ProcessRecord(p.Identity.Pid, p.Identity.StartTicks)).ToArray();
            }
        }
    }

    public IReadOnlyList<string> Endpoints => resource.Endpoints(context, replica);

    /// <summary>Starts the processes and returns once a probe passes; throws with the log tail when it cannot.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        File.AppendAllText(LogFile, $"==== {DateTimeOffset.Now:O} starting {name} (replica {replica}) ===={Environment.NewLine}");
        foreach (var spec in resource.Processes(context, replica))
        {
            var process = await ProcessSpawner.StartAsync(spec);
            var identity = ProcessIdentity.Of(process.Id) ?? new ProcessIdentity(process.Id, 0);
            lock (_processes)
            {
                _processes.Add((process, identity, spec.StopSignal));
            }
            if (spec.ListensOn is { } port)
            {
                await WaitUntilAsync(() => AcceptsAsync(port), $"{Path.GetFileName(spec.FileName)} to listen on port {port}", cancellationToken);
            }
        }
        await WaitUntilAsync(async () => (await resource.ProbeAsync(context, replica, cancellationToken)) is null,
            "a passing health probe", cancellationToken);
    }

    /// <summary>Completes when any process of the instance exits; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        Process[] processes;
        lock (_processes)
        {
            processes = _processes.Select(p => p.Process).ToArray();
        }
        var exited = await Task.WhenAny(processes.Select(p => p.WaitForExitAsync(cancellationToken)));
        await exited;
        return processes.First(p => p.HasExited).ExitCode;
    }

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => resource.ProbeAsync(context, replica, cancellationToken);

    /// <summary>Stops the processes, last started first.</summary>
    public async Task StopAsync()
    {
        List<(Process Process, ProcessIdentity Identity, int StopSignal)> processes;
        lock (_processes)
        {
            processes = [.. _processes];
            _processes.Clear();
        }
        processes.Reverse();
        foreach (var (process, identity, signal) in processes)
        {
            await ProcessSignals.StopAsync(identity, signal, TimeSpan.FromSeconds(10));
            process.Dispose();
        }
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var exited = ExitedProcess();
            if (exited is not null)
            {
                throw new HostingException(
                    $"{name} exited with code {exited.ExitCode} while starting. Last lines of {LogFile}:{Environment.NewLine}{LogTail.Read(LogFile)}");
            }
            if (await condition())
            {
                return;
            }
            if (started.Elapsed > context.Options.StartupTimeout)
            {
                var last = await resource.ProbeAsync(context, replica, cancellationToken);
                throw new HostingException(
                    $"{name} never became healthy: waited {context.Options.StartupTimeout.TotalSeconds:0} s for {what} " +
                    $"(last probe: {last ?? "passed"}). Its log is {LogFile}:{Environment.NewLine}{LogTail.Read(LogFile)}");
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 200));
        }
    }

    private Process? ExitedProcess()
    {
        lock (_processes)
        {
            return _processes.Select(p => p.Process).FirstOrDefault(p => p.HasExited);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
