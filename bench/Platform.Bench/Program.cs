using Platform.Bench.Identity;
using Platform.Bench.Ledger;
using Platform.Bench.Plumbing;
using Platform.Bench.Relay;
using Platform.Bench.Reporting;

// dotnet run -c Release --project bench/Platform.Bench -- [relay | plumbing | ledger [--no-fsync] | identity] [--seconds N]
// The relay suite (the platform's headline figures) is the default.
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)) ?? "relay";
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(5);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(Math.Max(1, seconds / 5));

var results = new List<RunResult>();
switch (suite)
{
    case "plumbing":
        results.AddRange(await GrpcVersusJsonBenchmark.RunAsync(warmUp, duration));
        results.AddRange(await RedisBenchmark.RunAsync(warmUp, duration));
        break;
    case "ledger":
        results.AddRange(await LedgerBenchmark.RunAsync(warmUp, duration, durable: !args.Contains("--no-fsync")));
        break;
    case "identity":
        results.AddRange(await IdentityBenchmark.RunAsync(warmUp, duration));
        break;
    case "relay":
        return await RelayBenchmark.RunAsync(args, seconds); // writes its own richer report
    default:
        Console.Error.WriteLine($"unknown suite '{suite}'; choose plumbing, ledger, identity or relay");
        return 2;
}

await BenchReport.WriteAsync(suite, results);
return 0;
