using Platform.Bench.Plumbing;
using Platform.Bench.Reporting;

// dotnet run -c Release --project bench/Platform.Bench -- plumbing [--seconds N]
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(5);
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(Math.Max(1, seconds / 5));

var results = new List<RunResult>();
results.AddRange(await GrpcVersusJsonBenchmark.RunAsync(warmUp, duration));
results.AddRange(await RedisBenchmark.RunAsync(warmUp, duration));

await BenchReport.WriteAsync("plumbing", results);
return 0;
