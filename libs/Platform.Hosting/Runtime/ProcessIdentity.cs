namespace Platform.Hosting.Runtime;

/// <summary>
/// A process id plus its start time from /proc, so a recorded process is never confused with a later
/// process that reuses the id.
/// </summary>
internal readonly record struct ProcessIdentity(int Pid, long StartTicks)
{
    public static ProcessIdentity? Of(int pid)
    {
        var ticks = ReadStartTicks(pid);
        return ticks is null ? null : new ProcessIdentity(pid, ticks.Value);
    }

    public bool IsAlive => ReadStartTicks(Pid) == StartTicks && !IsZombie();

    private bool IsZombie()
    {
        var stat = ReadStat(Pid);
        return stat is not null && StatFields(stat) is { Length: > 0 } fields && fields[0] == "Z";
    }

    private static long? ReadStartTicks(int pid)
    {
        var stat = ReadStat(pid);
        // Field 22 (starttime); fields after the ")" of the command name start at field 3.
        return stat is not null && StatFields(stat) is { Length: > 19 } fields && long.TryParse(fields[19], out var ticks)
            ? ticks
            : null;
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] StatFields(string stat) =>
        stat[(stat.LastIndexOf(')') + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
