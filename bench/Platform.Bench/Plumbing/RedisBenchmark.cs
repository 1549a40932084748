using System.Diagnostics;
using System.Globalization;
using Platform.Bench.Reporting;
using Platform.Hosting;
using Platform.Redis;

namespace Platform.Bench.Plumbing;

/// <summary>Our multiplexed Redis client (64 callers on one socket) next to redis-benchmark against the same server.</summary>
internal static class RedisBenchmark
{
    private const int Callers = 64;

    public static async Task<IReadOnlyList<RunResult>> RunAsync(TimeSpan warmUp, TimeSpan duration)
    {
        var state = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state, Interactive = false });
        builder.AddRedis("redis");
        var app = builder.Build();
        await app.StartAsync();
        try
        {
            var connectionString = app.GetConnectionString("redis");
            var results = new List<RunResult>();
            results.AddRange(await OurClientAsync(connectionString, warmUp, duration));
            results.AddRange(await RedisBenchmarkToolAsync(connectionString, duration));
            results.AddRange(await AdmissionBenchmark.RunAsync(connectionString, warmUp, duration));
            return results;
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<RunResult>> RedisBenchmarkToolAsync(string connectionString, TimeSpan duration)
    {
        var parts = connectionString.Split(',');
        var port = parts[0].Split(':')[1];
        var password = parts.Single(p => p.StartsWith("password=", StringComparison.Ordinal))["password=".Length..];
        var results = new List<RunResult>();
        foreach (var pipeline in new[] { 1, 16 })
        {
            var requests = (int)(duration.TotalSeconds * (pipeline == 1 ? 40_000 : 200_000));
            var info = new ProcessStartInfo("redis-benchmark",
                ["-h", "127.0.0.1", "-p", port, "-a", password, "-c", Callers.ToString(CultureInfo.InvariantCulture),
                 "-n", requests.ToString(CultureInfo.InvariantCulture), "-P", pipeline.ToString(CultureInfo.InvariantCulture),
                 "-t", "get,incr", "--csv", "-q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            foreach (var line in output.Split('\n').Where(l => l.StartsWith("\"GET\"", StringComparison.Ordinal) || l.StartsWith("\"INCR\"", StringComparison.Ordinal)))
            {
                // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                var fields = line.Split(',').Select(f => f.Trim('"')).ToArray();
                results.Add(new RunResult($"redis-benchmark {fields[0]} (64 connections, -P {pipeline})", Callers, requests,
                    Parse(fields[1]), Parse(fields[4]), Parse(fields[6])));
            }
        }
        return results;
    }

    private static async Task<IReadOnlyList<RunResult>> OurClientAsync(string connectionString, TimeSpan warmUp, TimeSpan duration)
    {
        await using var client = new RedisClient(RedisOptions.Parse(connectionString));
        var key = $"bench:{Guid.NewGuid():N}";
        await client.IncrementAsync(key);
        return
        [
            await LatencyRecorder.RunAsync("Platform.Redis GET (64 callers, one socket)", Callers, warmUp, duration,
                async () => _ = await client.GetAsync(key) ?? throw new InvalidOperationException("GET lost the key")),
            await LatencyRecorder.RunAsync("Platform.Redis INCR (64 callers, one socket)", Callers, warmUp, duration,
                async () => await client.IncrementAsync(key)),
        ];
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
