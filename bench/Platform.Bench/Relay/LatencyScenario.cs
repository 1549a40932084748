using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>
/// Scenario (a): one whole chat call at a time per arm, in interleaved rounds (a warm-up round, then rounds whose arm
/// order rotates), so drift on a shared machine lands on every arm alike instead of on whichever ran last.
/// </summary>
internal static class LatencyScenario
{
    public static async Task<IReadOnlyList<ArmLatency>> RunAsync(IReadOnlyList<RelayArm> arms, int rounds, int callsPerSlot)
    {
        var clients = arms.Select(arm => arm.Client()).ToArray();
        var samples = arms.Select(_ => new List<long>(rounds * callsPerSlot)).ToArray();
        var errors = new int[arms.Count];
        for (var round = 0; round <= rounds; round++)
        {
            for (var slot = 0; slot < arms.Count; slot++)
            {
                var arm = (slot + round) % arms.Count;
                for (var call = 0; call < callsPerSlot; call++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var ok = await ChatCall.CompleteAsync(clients[arm], sim: null);
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    if (round == 0)
                    {
                        continue; // warm-up: JIT, connections, the edge's key cache
                    }
                    if (ok)
                    {
                        samples[arm].Add(elapsed);
                    }
                    else
                    {
                        errors[arm]++;
                    }
                }
            }
        }
        foreach (var client in clients)
        {
            client.Dispose();
        }
        return [.. arms.Select((arm, i) => new ArmLatency(arm.Name, LatencyStats.FromTicks(samples[i]), errors[i]))];
    }
}
