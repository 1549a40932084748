using System.Text;

namespace Platform.Hosting.Runtime;

/// <summary>The last lines of a log file, for error messages.</summary>
internal static class LogTail
{
    public static string Read(string file, int lines = 20)
    {
        if (!File.Exists(file))
        {
            return "  (no log written)";
        }
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        const int window = 64 * 1024;
        stream.Seek(Math.Max(0, stream.Length - window), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var tail = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines);
        return string.Join(Environment.NewLine, tail.Select(line => "  | " + line.TrimEnd('\r')));
    }
}
