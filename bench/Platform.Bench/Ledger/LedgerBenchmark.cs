using System.Diagnostics;
using Platform.Bench.Reporting;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Client;
using Platform.Hosting;

namespace Platform.Bench.Ledger;

/// <summary>
/// Hold + Settle pairs, then SettleBatch draws (SettleBatchArms), through the ledger's gRPC API: the real service
/// process on Postgres and RabbitMQ, started as the AppHost starts them. Durable (fsync on, as in production) unless <c>--no-fsync</c> asks for the test servers'
/// ephemeral storage, which shows what the code does when the disk's flush time is taken out. First as fast as it goes, then paced at half that rate with latency
/// counted from each pair's scheduled start (no coordinated omission).
/// </summary>
internal static class LedgerBenchmark
{
    private const int Wallets = 1_000;
    private const int Callers = 16;

    public static async Task<IReadOnlyList<RunResult>> RunAsync(TimeSpan warmUp, TimeSpan duration, bool durable)
    {
        var state = Path.Combine(Path.GetTempPath(), "platform-bench", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new HostingOptions
        {
            StateDirectory = state,
            Interactive = false,
            EphemeralStorage = !durable,
            BuildConfiguration = "Release", // measure the code as it ships, not a Debug build
        });
        var postgres = builder.AddPostgres("postgres");
        var ledgerdb = postgres.AddDatabase("ledgerdb");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
            .WithHttp2Endpoint("grpc")
            .WithReference(ledgerdb).WithReference(rabbitmq)
            .WaitFor(ledgerdb).WaitFor(rabbitmq);
        var app = builder.Build();
        await app.StartAsync();
        try
        {
            using var channel = GrpcChannel.ForAddress(app.GetEndpoint("ledger", "grpc"));
            var ledger = channel.CreateCaller(LedgerReflection.Descriptor.Services[0]);
            var wallets = Enumerable.Range(0, Wallets).Select(_ => Guid.NewGuid().ToString()).ToArray();
            foreach (var wallet in wallets)
            {
                await ledger.UnaryAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
                {
                    RequestId = $"bench-{wallet}", AccountId = wallet, AmountMicroCoins = 1_000_000_000_000_000, Source = CreditSource.Operator,
                });
            }

            var pairs = 0L;
            async Task PairAsync()
            {
                var n = Interlocked.Increment(ref pairs);
                var requestId = $"pair-{n}-{Guid.NewGuid():N}";
                var hold = await ledger.UnaryAsync<HoldRequest, HoldReply>("Hold", new HoldRequest
                {
                    RequestId = requestId, AccountId = wallets[n % Wallets], AmountMicroCoins = 5_000_000,
                });
                if (hold.Result != HoldResult.Held)
                {
                    throw new InvalidOperationException($"hold refused: {hold}");
                }
                await ledger.UnaryAsync<SettleRequest, SettleReply>("Settle", new SettleRequest
                {
                    RequestId = requestId,
                    Usage = new Usage { Model = "gpt-4o-mini", PromptTokens = 1_200, CompletionTokens = 300, CachedTokens = 512 },
                    KeyId = "bench-key", ChannelId = "bench-channel", UploadMs = 3, DurationMs = 900,
                });
            }

            var storage = durable ? "fsync on" : "fsync off";
            var saturated = await LatencyRecorder.RunAsync($"hold+settle pairs, saturated ({storage})", Callers, warmUp, duration, PairAsync);
            var paced = await PacedAsync($"hold+settle pairs at half that rate ({storage})", saturated.CallsPerSecond / 2, duration, PairAsync);
            return [saturated, paced, .. await SettleBatchArms.RunAsync(ledger, warmUp, duration, storage)];
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>Starts pairs on a fixed schedule and measures each from its scheduled start.</summary>
    private static async Task<RunResult> PacedAsync(string name, double rate, TimeSpan duration, Func<Task> call)
    {
        var interval = Stopwatch.Frequency / rate;
        var total = (long)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var next = -1L;
        var samples = Enumerable.Range(0, Callers).Select(_ => new List<long>()).ToArray();
        await Task.WhenAll(samples.Select(async mine =>
        {
            await Task.Yield();
            long slot;
            while ((slot = Interlocked.Increment(ref next)) < total)
            {
                var due = start + (long)(slot * interval);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }
                await call();
                mine.Add(Stopwatch.GetTimestamp() - due);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var all = samples.SelectMany(s => s).Order().ToArray();
        return new RunResult(name, Callers, all.Length, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(long[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency;
}
