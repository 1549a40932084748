using System.Diagnostics;
using Platform.Hosting.Runtime;
using Platform.Hosting.State;
using Platform.Hosting.Tests.Support;
using Platform.Testing;

namespace Platform.Hosting.Tests.Lifecycle;

public sealed class OrphanTests
{
    private static HostingOptions RedisOnly(string state) =>
        new() { StateDirectory = state, Interactive = false, Only = new HashSet<string> { TestTopology.Redis } };

    [Fact]
    public async Task SigKilledAppHost_LeavesNothingRunningAfterTheNextStart()
    {
        using var state = new TempStateDirectory();
        using var apphost = AppHostProcess.Start("run", "--state-dir", state.Path, "--only", "redis", "--no-ui");
        await AppHostProcess.WaitForLineAsync(apphost, "all resources are healthy", TimeSpan.FromSeconds(60));
        var first = RecordedPids(state.Path);
        Assert.NotEmpty(first);

        apphost.Kill(); // SIGKILL: the AppHost gets no chance to stop anything itself
        await apphost.WaitForExitAsync(TestContext.Current.CancellationToken);

        var app = TestTopology.Build(RedisOnly(state.Path));
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.All(first, pid => Assert.False(ProcessTable.IsLive(pid), $"pid {pid} of the killed AppHost is still running"));
            var second = app.Snapshot().SelectMany(r => r.Instances).SelectMany(i => i.Processes).Select(p => p.Pid).ToList();
            Assert.NotEmpty(second);
            Assert.All(second, pid => Assert.True(ProcessTable.IsLive(pid)));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task ProcessesRecordedByAnEarlierRun_AreStoppedOnTheNextStart()
    {
        using var state = new TempStateDirectory();
        // A leftover that no death signal reaches (started by the test, not by the AppHost).
        using var leftover = Process.Start("sleep", "600");
        WriteState(state.Path, owner: DeadOwner(), leftover.Id);

        var app = TestTopology.Build(RedisOnly(state.Path));
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync();

        Assert.True(leftover.WaitForExit(TimeSpan.FromSeconds(10)), "the recorded leftover should have been stopped");
    }

    [Fact]
    public async Task ALiveAppHostOnTheSameStateDirectory_IsRefused()
    {
        using var state = new TempStateDirectory();
        using var owner = Process.Start("sleep", "600");
        try
        {
            WriteState(state.Path, owner: Record(owner.Id));
            var app = TestTopology.Build(RedisOnly(state.Path));
            var error = await Assert.ThrowsAsync<HostingException>(() => app.StartAsync(TestContext.Current.CancellationToken));
            Assert.Contains($"Another AppHost (pid {owner.Id})", error.Message);
        }
        finally
        {
            owner.Kill();
        }
    }

    private static List<int> RecordedPids(string state) =>
        StateFile.Read(Path.Combine(state, "state.json"))!.Resources
            .SelectMany(r => r.Instances).SelectMany(i => i.Processes).Select(p => p.Pid).ToList();

    private static AppHostRecord Record(int pid) =>
        new(pid, ProcessIdentity.Of(pid)!.Value.StartTicks, DateTimeOffset.Now, "", "");

    // Pid 1 with a start time it never had: a recorded owner that is certainly gone.
    private static AppHostRecord DeadOwner() => new(1, -1, DateTimeOffset.Now, "", "");

    private static void WriteState(string state, AppHostRecord owner, params int[] pids)
    {
        var processes = pids.Select(pid => new ProcessRecord(pid, Record(pid).StartTicks)).ToArray();
        var resource = new ResourceSnapshot("leftover", "executable", "running", "healthy", 0,
            [new InstanceSnapshot(0, [], new Dictionary<string, int>(), processes, "")], null);
        Directory.CreateDirectory(state);
        StateFile.Write(Path.Combine(state, "state.json"), new StateDocument(owner, [resource]));
    }
}
