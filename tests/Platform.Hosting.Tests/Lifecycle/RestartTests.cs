using Platform.Hosting.Tests.Support;

namespace Platform.Hosting.Tests.Lifecycle;

public sealed class RestartTests
{
    [Fact]
    public async Task ResourceThatCrashesAfterStarting_IsRestartedAndCounted()
    {
        using var state = new TempStateDirectory();
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state.Path, Interactive = false });
        builder.AddExecutable("flaky", "/bin/sh", ".", "-c", "echo started; sleep 0.3; exit 7");
        var app = builder.Build();
        var events = new List<string>();
        app.Event += message => { lock (events) { events.Add(message); } };
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var i = 0; i < 100 && app.Snapshot().Single().Restarts < 1; i++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            Assert.True(app.Snapshot().Single().Restarts >= 1, "the crashed resource should have been restarted");
            lock (events)
            {
                Assert.Contains(events, e => e.Contains("flaky exited with code 7") && e.Contains("started"));
            }
        }
        finally
        {
            await app.StopAsync();
        }
        Assert.Equal("stopped", app.Snapshot().Single().State);
    }
}
