using Platform.Hosting.Tests.Support;
using Platform.Testing;

namespace Platform.Hosting.Tests.Lifecycle;

public sealed class StopTests
{
    [Fact]
    public async Task Stop_LeavesNoProcessBehind_AndPortsAreNeverShared()
    {
        using var state = new TempStateDirectory();
        var app = TestTopology.Build(new HostingOptions { StateDirectory = state.Path, Interactive = false, EphemeralStorage = true });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var snapshot = app.Snapshot();
        var recorded = snapshot.SelectMany(r => r.Instances).SelectMany(i => i.Processes).Select(p => p.Pid).ToList();
        var pids = ProcessTable.WithDescendants(recorded);
        var ports = snapshot.SelectMany(r => r.Instances).SelectMany(i => i.Ports.Values).ToList();
        Assert.True(recorded.Count >= 4, "postgres, redis, epmd and the RabbitMQ node should each be a process");
        Assert.True(pids.Count > recorded.Count, "postgres and the Erlang VM have child processes");
        Assert.All(pids, pid => Assert.True(ProcessTable.IsLive(pid)));
        Assert.NotEmpty(ProcessTable.Mentioning(state.Path));
        Assert.Equal(ports.Count, ports.Distinct().Count());

        await app.StopAsync();

        Assert.All(pids, pid => Assert.False(ProcessTable.IsLive(pid), $"pid {pid} is still running"));
        Assert.Empty(ProcessTable.Mentioning(state.Path));
        Assert.All(app.Snapshot().Where(r => r.Instances.Count > 0), r => Assert.Equal("stopped", r.State));
    }
}
