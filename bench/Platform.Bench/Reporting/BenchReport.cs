using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Platform.Hosting.Runtime;

namespace Platform.Bench.Reporting;

/// <summary>Prints a Markdown table and keeps every figure, with the machine it came from, in bench/results/.</summary>
internal static class BenchReport
{
    public static async Task WriteAsync(string suite, IReadOnlyList<RunResult> results)
    {
        var table = new StringBuilder()
            .AppendLine("| arm | callers | calls/s | p50 ms | p99 ms |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Arm} | {r.Callers} | {r.CallsPerSecond:N0} | {(r.P50Ms > 0 ? r.P50Ms.ToString("0.000", CultureInfo.InvariantCulture) : "-")} | {(r.P99Ms > 0 ? r.P99Ms.ToString("0.000", CultureInfo.InvariantCulture) : "-")} |");
        }
        Console.WriteLine(table);

        var directory = Path.Combine(RepositoryRoot.Find(), "bench", "results");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{suite}.json");
        var document = new { suite, machine = Machine(), results };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".md"), $"# {suite} benchmark, {DateTime.UtcNow:u}\n\n{Describe(Machine())}\n\n{table}");
        Console.WriteLine($"figures in {file}");
    }

    internal static Dictionary<string, string> Machine() => new()
    {
        ["cpu"] = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown",
        ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["memory"] = File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim(),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
    };

    internal static string Describe(Dictionary<string, string> machine) =>
        string.Join(", ", machine.Select(entry => $"{entry.Key}: {entry.Value}"));
}
