namespace Platform.Hosting.Tests.Support;

/// <summary>Reads /proc: which processes mention a path, and whether a pid is still a live process.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> Mentioning(string text) =>
        AllPids()
            .Where(pid => pid != Environment.ProcessId && IsLive(pid) && CommandLine(pid).Contains(text, StringComparison.Ordinal))
            .ToArray();

    /// <summary>The processes themselves and every process below them (children of a server, such as erl_child_setup).</summary>
    public static IReadOnlyList<int> WithDescendants(IEnumerable<int> roots)
    {
        var parents = AllPids().Select(pid => (Pid: pid, Parent: ParentOf(pid))).ToList();
        var found = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (found.Contains(parent) && found.Add(pid))
                {
                    grew = true;
                }
            }
        }
        return [.. found];
    }

    public static bool IsLive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => int.TryParse(name, out _)).Select(name => int.Parse(name!));

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
