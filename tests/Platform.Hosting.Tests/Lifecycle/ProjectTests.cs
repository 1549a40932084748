using Platform.Hosting.Tests.Support;

namespace Platform.Hosting.Tests.Lifecycle;

public sealed class ProjectTests
{
    [Fact]
    public async Task ProjectReplicas_RunOnTheirOwnPorts_AndReferencesListEveryReplica()
    {
        using var state = new TempStateDirectory();
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state.Path, Interactive = false });
        var service = builder.AddProject("minimal", "tests/Fixtures/MinimalService/MinimalService.csproj").WithReplicas(2);
        var output = Path.Combine(state.Path, "env.txt");
        builder.AddExecutable("caller", "/bin/sh", ".", "-c", $"env > {output}; exec sleep 600").WithReference(service).WaitFor(service);
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var first = app.GetEndpoint("minimal", replica: 0);
            var second = app.GetEndpoint("minimal", replica: 1);
            Assert.NotEqual(first.Port, second.Port);
            using var http = new HttpClient();
            foreach (var replica in new[] { first, second })
            {
                Assert.Equal("pong", await http.GetStringAsync(new Uri(replica, "/ping"), TestContext.Current.CancellationToken));
            }
            var environment = await Files.WaitForAsync(output);
            Assert.Contains($"services__minimal__http__0={first.ToString().TrimEnd('/')}", environment);
            Assert.Contains($"services__minimal__http__1={second.ToString().TrimEnd('/')}", environment);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
