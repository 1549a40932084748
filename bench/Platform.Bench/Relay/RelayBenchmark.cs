namespace Platform.Bench.Relay;

/// <summary>
/// The relay suite: the same UpstreamSim (zero latency unless a scenario asks) reached three ways, <c>direct</c>
/// (the baseline), <c>floor</c> (a bare forwarder) and <c>edge</c> (the real relay: auth, limits, hold/settle, usage
/// records), measured in the same run so each target is a ratio between arms rather than an absolute figure.
/// </summary>
internal static class RelayBenchmark
{
    private const string LoadGeneratorCpu = "0";
    private const string SystemUnderTestCpu = "1";
    private const int BackEndNiceness = 10;

    public static async Task<int> RunAsync(string[] args, int seconds)
    {
        if (args.SkipWhile(a => a != "--floor").Skip(1).FirstOrDefault() is { } upstream)
        {
            await FloorForwarder.ServeAsync(new Uri(upstream));
            return 0;
        }

        await using var stack = await RelayStack.StartAsync();
        await using var floor = await FloorProcess.StartAsync(stack.SimAddress);
        var edgePid = stack.Pid("edge");
        var simPid = stack.Pid("upstream-sim");
        RelayArm[] arms =
        [
            new("direct", stack.SimAddress, RelayStack.SimKey, null),
            new("floor", floor.Address, RelayStack.SimKey, floor.Pid),
            new("edge", stack.EdgeAddress, stack.Key, edgePid),
        ];
        await WaitUntilServedAsync(arms);
        var placement = Pin(edgePid, floor.Pid, simPid);
        placement["ledger, identity, postgres, rabbitmq"] = Deprioritise(stack);
        var processes = new Dictionary<string, int>
        {
            ["edge"] = edgePid, ["floor"] = floor.Pid, ["upstream-sim"] = simPid, ["load-generator"] = Environment.ProcessId,
            ["ledger"] = stack.Pid("ledger"), ["identity"] = stack.Pid("identity"), ["postgres"] = stack.Pid("postgres"), ["redis"] = stack.Pid("redis"),
        };

        Console.WriteLine("(a) latency, one call at a time");
        var latency = await LatencyScenario.RunAsync(arms, rounds: 5, callsPerSlot: 200 * seconds);
        Console.WriteLine("(e) CPU per call");
        var cost = await CostScenario.RunAsync(arms, processes, calls: 4_000 * seconds);
        Console.WriteLine("(b) throughput at 32 and 128 callers, 20 ms upstream");
        var throughput = await ThroughputScenario.RunAsync(arms, [32, 128], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds));
        Console.WriteLine("(c) streaming, 100 tokens at 50/s");
        var streaming = await StreamingScenario.RunAsync(arms, rounds: 2, streamsPerRound: 16);
        Console.WriteLine("(d) 1,000 open streams");
        ArmOpenStreams[] open = [await OpenStreamsScenario.RunAsync(arms[2], 1_000), await OpenStreamsScenario.RunAsync(arms[1], 1_000)];

        await RelayReport.WriteAsync(new RelayResults(placement,
            processes.ToDictionary(p => p.Key, p => $"pid {p.Value}: {ProcessProbe.CommandLine(p.Value)}"),
            latency, cost, throughput, streaming, open));
        return 0;
    }

    // The channel reaches the edge's directory asynchronously; the first calls may not find it yet.
    private static async Task WaitUntilServedAsync(RelayArm[] arms)
    {
        foreach (var arm in arms)
        {
            using var client = arm.Client();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!await ChatCall.CompleteAsync(client, sim: null))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"the {arm.Name} arm at {arm.Address} did not answer a chat call within 30 s");
                }
                await Task.Delay(200);
            }
        }
    }

    // Two cores: the load generator on one, the relay under test and the simulator it calls on the other. Ledger,
    // identity, Postgres, Redis and RabbitMQ (the edge's billing and auth back ends) stay unpinned; see Deprioritise.
    private static Dictionary<string, string> Pin(int edgePid, int floorPid, int simPid)
    {
        if (Environment.ProcessorCount < 2)
        {
            return new() { ["pinning"] = "none: fewer than 2 CPUs" };
        }
        return new()
        {
            ["load-generator (this process)"] = Describe(ProcessProbe.Pin(Environment.ProcessId, LoadGeneratorCpu), LoadGeneratorCpu),
            ["edge"] = Describe(ProcessProbe.Pin(edgePid, SystemUnderTestCpu), SystemUnderTestCpu),
            ["floor"] = Describe(ProcessProbe.Pin(floorPid, SystemUnderTestCpu), SystemUnderTestCpu),
            ["upstream-sim"] = Describe(ProcessProbe.Pin(simPid, SystemUnderTestCpu), SystemUnderTestCpu),
            ["redis"] = "not pinned (any CPU)",
        };
    }

    // The edge's billing back end works after the response (batched settles), so on a box this small it must not
    // preempt the relay's request path: in production it runs on other machines. Redis stays at normal priority, as
    // it answers every call's admission (pinned to the load generator's core instead, it made the edge slower).
    private static string Deprioritise(RelayStack stack)
    {
        var reniced = new[] { "ledger", "identity", "postgres", "rabbitmq" }.All(name => ProcessProbe.Renice(stack.Pid(name), BackEndNiceness));
        return reniced ? $"not pinned (any CPU), nice {BackEndNiceness} (with their children)" : "not pinned (any CPU); renice failed";
    }

    private static string Describe(bool pinned, string cpus) => pinned ? $"CPU {cpus} (taskset -a -p)" : "not pinned (taskset failed)";
}
