using Platform.Hosting.State;

namespace Platform.Hosting.Runtime;

/// <summary>
/// Stops what a previous AppHost recorded in state.json and did not stop itself (it was SIGKILLed, or the machine
/// lost power): a second line of defence behind the parent-death signal every child gets.
/// </summary>
internal static class OrphanReaper
{
    public static async Task<int> ReapAsync(PlatformPaths paths)
    {
        var previous = StateFile.Read(paths.StateFile);
        if (previous is null)
        {
            return 0;
        }
        var owner = new ProcessIdentity(previous.AppHost.Pid, previous.AppHost.StartTicks);
        if (owner.Pid != Environment.ProcessId && owner.IsAlive)
        {
            throw new HostingException(
                $"Another AppHost (pid {owner.Pid}) is running with state directory {paths.StateDirectory}. " +
                $"Stop it (Ctrl+C in its terminal, or kill {owner.Pid}) or give this one another --state-dir.");
        }
        var leftovers = previous.Resources
            .SelectMany(resource => resource.Instances)
            .SelectMany(instance => instance.Processes)
            .Select(record => new ProcessIdentity(record.Pid, record.StartTicks))
            .Where(process => process.IsAlive)
            .ToList();
        await Task.WhenAll(leftovers.Select(process => ProcessSignals.StopAsync(process, ProcessSignals.SigTerm, TimeSpan.FromSeconds(5))));
        return leftovers.Count;
    }
}
