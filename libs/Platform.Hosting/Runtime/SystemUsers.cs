using System.Diagnostics;

namespace Platform.Hosting.Runtime;

/// <summary>Directories owned by the service users (postgres, rabbitmq) that Debian's packages create.</summary>
internal static class SystemUsers
{
    public static void CreateOwnedDirectory(string path, string user, UnixFileMode mode)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        Chown(path, user);
    }

    public static void WriteOwnedFile(string path, string content, string user, UnixFileMode mode)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        Chown(path, user);
    }

    public static void Chown(string path, string user, bool recursive = false)
    {
        var info = new ProcessStartInfo("chown") { RedirectStandardError = true };
        if (recursive)
        {
            info.ArgumentList.Add("-R");
        }
        info.ArgumentList.Add($"{user}:{user}");
        info.ArgumentList.Add(path);
        using var chown = Process.Start(info)!;
        var error = chown.StandardError.ReadToEnd();
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new HostingException(
                $"Could not give {path} to user '{user}': {error.Trim()}. The AppHost must run as root (or under sudo) to start the Debian servers.");
        }
    }
}
