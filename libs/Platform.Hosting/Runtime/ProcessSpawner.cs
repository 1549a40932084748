using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Hosting.Runtime;

/// <summary>
/// Starts child processes from one thread that lives as long as the AppHost. Each child is exec'd through
/// <c>setpriv --pdeathsig TERM</c>; Linux delivers that signal when the thread that forked the child ends, so
/// forking from pool threads (which retire) would kill children at random, while forking from this thread makes
/// them die exactly when the AppHost dies, even by SIGKILL.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Queue = new();

    static ProcessSpawner()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "platform-process-spawner" };
        thread.Start();
    }

    public static Task<Process> StartAsync(ProcessSpec spec)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((BuildStartInfo(spec), started));
        return started.Task;
    }

    private static void Loop()
    {
        foreach (var (info, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(info) ?? throw new HostingException($"Could not start {info.FileName}."));
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }

    // sh opens the log for append and execs setsid, then setpriv, which sets the death signal (and the user) and
    // execs the program: one process id from fork to the real server, and output reaches the file without us.
    private static ProcessStartInfo BuildStartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >>\"$PLATFORM_LOG_FILE\" 2>&1 </dev/null");
        info.ArgumentList.Add("platform-launch");
        // A session of its own keeps the terminal's Ctrl+C away from children, so the AppHost stops them in order.
        info.ArgumentList.Add("setsid");
        info.ArgumentList.Add("setpriv");
        if (spec.RunAsUser is { } user)
        {
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={user}");
            info.ArgumentList.Add("--init-groups");
        }
        info.ArgumentList.Add("--pdeathsig=TERM");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in spec.Environment)
        {
            if (value.Length == 0)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }
        info.Environment["PLATFORM_LOG_FILE"] = spec.LogFile;
        return info;
    }
}
