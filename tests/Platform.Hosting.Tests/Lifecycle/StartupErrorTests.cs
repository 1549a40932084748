using System.Net;
using System.Net.Sockets;
using Platform.Hosting.Tests.Support;
using Platform.Testing;

namespace Platform.Hosting.Tests.Lifecycle;

public sealed class StartupErrorTests
{
    [Fact]
    public async Task MissingBinary_SaysWhichPackageToInstall()
    {
        using var state = new TempStateDirectory();
        var app = TestTopology.Build(new HostingOptions
        {
            StateDirectory = state.Path,
            Interactive = false,
            RedisServerPath = "/nonexistent/redis-server",
            Only = new HashSet<string> { TestTopology.Redis },
        });
        var error = await Assert.ThrowsAsync<HostingException>(() => app.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/redis-server", error.Message);
        Assert.Contains("apt-get install -y redis-server", error.Message);
    }

    [Fact]
    public async Task CrashingResource_ShowsItsLogTail_AndDependentsSayWhatTheyWaitedFor()
    {
        using var state = new TempStateDirectory();
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state.Path, Interactive = false });
        var broken = builder.AddExecutable("broken", "/bin/sh", ".", "-c", "echo 'cannot open config.toml'; sleep 0.5; exit 3")
            .WithHttpEndpoint(env: "PORT")
            .WithHttpHealthCheck();
        builder.AddExecutable("dependent", "/bin/sleep", ".", "600").WaitFor(broken);
        var app = builder.Build();

        var error = await Assert.ThrowsAsync<HostingException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("broken exited with code 3", error.Message);
        Assert.Contains("cannot open config.toml", error.Message);
        var dependent = app.Snapshot().Single(r => r.Name == "dependent");
        Assert.Equal("failed", dependent.State);
        Assert.Contains("waits for broken, which never became healthy", dependent.Detail);
        Assert.Contains(Path.Combine(state.Path, "logs", "broken.log"), dependent.Detail);
    }

    [Fact]
    public async Task TakenFixedPort_IsReportedWithTheWayOut()
    {
        using var state = new TempStateDirectory();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state.Path, Interactive = false });
        builder.AddExecutable("web", "/bin/sleep", ".", "600").WithHttpEndpoint(port: port, env: "PORT");
        var app = builder.Build();

        var error = await Assert.ThrowsAsync<HostingException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"Port {port}", error.Message);
        Assert.Contains("--port", error.Message);
    }

    [Fact]
    public async Task Executable_GetsItsPortAndReferencesInTheEnvironment()
    {
        using var state = new TempStateDirectory();
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = state.Path, Interactive = false });
        var redis = builder.AddRedis("redis");
        var output = Path.Combine(state.Path, "env.txt");
        builder.AddExecutable("printer", "/bin/sh", ".", "-c", $"env > {output}; exec sleep 600")
            .WithHttpEndpoint(env: "PORT")
            .WithReference(redis)
            .WithEnvironment("GREETING", "hello")
            .WaitFor(redis);
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var environment = await Files.WaitForAsync(output);
            Assert.Contains($"ConnectionStrings__redis={app.GetConnectionString("redis")}", environment);
            Assert.Contains($"PORT={app.GetEndpoint("printer").Port}", environment);
            Assert.Contains("GREETING=hello", environment);
            Assert.Contains("OTEL_SERVICE_NAME=printer", environment);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
