using System.Globalization;
using System.Net;

namespace Platform.Hosting.Tests.Support;

/// <summary>The TCP addresses a process listens on, from /proc/net/tcp{,6} and the process's socket descriptors.</summary>
internal static class ListeningSockets
{
    public static IReadOnlyList<IPEndPoint> Of(int pid)
    {
        var inodes = SocketInodes(pid);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9 && fields[3] == "0A" && inodes.Contains(fields[9]))
            .Select(fields => Parse(fields[1]))
            .ToArray();
    }

    private static HashSet<string> SocketInodes(int pid) =>
        Directory.GetFiles($"/proc/{pid}/fd")
            .Select(fd => { try { return new FileInfo(fd).LinkTarget ?? ""; } catch (IOException) { return ""; } })
            .Where(target => target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target[8..^1])
            .ToHashSet();

    // "0100007F:1F90" is 127.0.0.1:8080 with the address in host (little-endian) byte order per 32-bit word.
    private static IPEndPoint Parse(string hex)
    {
        var parts = hex.Split(':');
        var bytes = Convert.FromHexString(parts[0]);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }
        return new IPEndPoint(new IPAddress(bytes), int.Parse(parts[1], NumberStyles.HexNumber));
    }
}
