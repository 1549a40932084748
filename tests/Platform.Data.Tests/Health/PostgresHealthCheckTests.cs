using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Testing;

namespace Platform.Data.Tests.Health;

public sealed class PostgresHealthCheckTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task HealthCheck_IsHealthyWhenPostgresAnswers()
    {
        using var host = BuildHost(await infrastructure.CreateDatabaseAsync("health"));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, report.Entries["ledgerdb"].Status);
    }

    [Fact]
    public async Task HealthCheck_IsUnhealthyWhenPostgresDoesNotAnswer()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("health")) { Port = ClosedPort(), Timeout = 2 };
        using var host = BuildHost(unreachable.ConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        var entry = report.Entries["ledgerdb"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("Postgres did not answer: ", entry.Description);
        Assert.IsAssignableFrom<NpgsqlException>(entry.Exception);
    }

    [Fact]
    public async Task HealthCheck_IsUnhealthyWhenThePasswordIsWrong()
    {
        var wrong = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("health")) { Password = "not-the-password" };
        using var host = BuildHost(wrong.ConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["ledgerdb"].Status);
        Assert.Equal("28P01", Assert.IsType<PostgresException>(report.Entries["ledgerdb"].Exception).SqlState);
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:ledgerdb"] = connectionString;
        builder.AddPostgresDataSource("ledgerdb");
        return builder.Build();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
