using System.Security.Cryptography;
using System.Text;

namespace Platform.Hosting.Runtime;

/// <summary>Where a run keeps its state: <c>.platform/</c> by default.</summary>
public sealed class PlatformPaths
{
    internal PlatformPaths(string stateDirectory)
    {
        StateDirectory = Path.GetFullPath(stateDirectory);
        DataRoot = ChooseDataRoot(StateDirectory);
    }

    /// <summary>The state directory (<c>.platform/</c>).</summary>
    public string StateDirectory { get; }

    /// <summary>
    /// Where resource data lives: <c>.platform/data</c>, or a folder under /var/tmp when the checkout sits below a
    /// directory the postgres and rabbitmq users cannot traverse.
    /// </summary>
    public string DataRoot { get; }

    /// <summary>Directory of per-resource log files.</summary>
    public string LogsDirectory => Path.Combine(StateDirectory, "logs");

    /// <summary>The state file rewritten on every change.</summary>
    public string StateFile => Path.Combine(StateDirectory, "state.json");

    /// <summary>The secrets file (mode 0600).</summary>
    public string SecretsFile => Path.Combine(StateDirectory, "secrets.json");

    /// <summary>Data directory of one resource.</summary>
    public string DataDirectory(string resource) => Path.Combine(DataRoot, resource);

    /// <summary>Log file of one resource instance.</summary>
    public string LogFile(string resource, int replica = 0) =>
        Path.Combine(LogsDirectory, replica == 0 ? $"{resource}.log" : $"{resource}-{replica}.log");

    private static string ChooseDataRoot(string stateDirectory)
    {
        var preferred = Path.Combine(stateDirectory, "data");
        if (EveryAncestorIsTraversable(stateDirectory))
        {
            return preferred;
        }
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stateDirectory)))[..12];
        return Path.Combine("/var/tmp", $"platform-{key}", "data");
    }

    // The postgres and rabbitmq users need execute permission on every parent of their data directory.
    private static bool EveryAncestorIsTraversable(string directory)
    {
        for (var dir = new DirectoryInfo(directory).Parent; dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }
        return true;
    }
}
