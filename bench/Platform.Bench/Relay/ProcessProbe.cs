using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.Relay;

/// <summary>What /proc says about a process: CPU time spent (all threads, user + system) and resident memory.</summary>
internal static class ProcessProbe
{
    // USER_HZ is 100 on every Linux the platform runs on (getconf CLK_TCK); /proc counts CPU time in those ticks.
    private const double MicrosecondsPerTick = 1_000_000.0 / 100;

    /// <summary>
    /// utime + stime in microseconds of the process, with every live descendant when asked (Postgres serves each
    /// connection from a child of the postmaster; the load generator's children are the stack under test, so not
    /// there); 10 ms resolution, so compare only totals over thousands of requests.
    /// </summary>
    public static double CpuMicroseconds(int pid, bool withDescendants = false) =>
        (withDescendants ? WithDescendants(pid) : [pid]).Sum(id => ReadStat(id)?.Ticks ?? 0) * MicrosecondsPerTick;

    /// <summary>Lowers the CPU priority of a process and its live descendants (children started later inherit it). False when renice failed.</summary>
    public static bool Renice(int pid, int niceness)
    {
        using var renice = Process.Start(new ProcessStartInfo("renice",
            ["-n", niceness.ToString(CultureInfo.InvariantCulture), "-p", .. WithDescendants(pid).Select(id => id.ToString(CultureInfo.InvariantCulture))])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        renice.WaitForExit();
        return renice.ExitCode == 0;
    }

    private static List<int> WithDescendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var id) && ReadStat(id) is { } stat)
            {
                parents[id] = stat.Parent;
            }
        }
        var found = new List<int> { pid };
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(parents.Where(p => p.Value == found[i]).Select(p => p.Key));
        }
        return found;
    }

    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, ppid 4, utime 14, stime 15.
    private static (int Parent, long Ticks)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null; // the process ended between the listing and the read
        }
    }

    /// <summary>A line of /proc/PID/status in megabytes, e.g. VmRSS (now) or VmHWM (the peak since the process started).</summary>
    public static double MemoryMegabytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The command line, to show that a pid is the process we think it is.</summary>
    public static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>Pins every thread of a process (and the threads they start later) to <paramref name="cpus"/>, e.g. "1". False when taskset is missing or refused.</summary>
    public static bool Pin(int pid, string cpus)
    {
        try
        {
            using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpus, pid.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            taskset.WaitForExit();
            return taskset.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
