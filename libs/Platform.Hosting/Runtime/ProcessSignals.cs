using System.Runtime.InteropServices;

namespace Platform.Hosting.Runtime;

/// <summary>Signals by process id (System.Diagnostics.Process only offers SIGKILL).</summary>
internal static partial class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    /// <summary>Asks the process to stop, then kills it if it is still there after the grace period.</summary>
    public static async Task StopAsync(ProcessIdentity process, int signal, TimeSpan grace)
    {
        if (!process.IsAlive)
        {
            return;
        }
        Send(process.Pid, signal);
        var deadline = DateTime.UtcNow + grace;
        while (process.IsAlive && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        if (process.IsAlive)
        {
            Send(process.Pid, SigKill);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
