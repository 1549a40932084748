using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Redis.RateLimiting;
using Platform.Redis.Tests.Support;
using Platform.Testing;

namespace Platform.Redis.Tests.Hosting;

public sealed class AddRedisClientTests(PlatformInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddRedisClient_RegistersAClientALimiterAndAHealthyCheck()
    {
        using var host = BuildHost(infrastructure.RedisConnectionString);

        var redis = host.Services.GetRequiredService<RedisClient>();
        var limiter = host.Services.GetRequiredService<RedisRateLimiter>();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancellation);

        Assert.Same(redis, host.Services.GetRequiredService<RedisClient>());
        Assert.Equal(RedisOptions.Parse(infrastructure.RedisConnectionString).Port, redis.Options.Port);
        Assert.True((await limiter.AcquireAsync(TestRedis.Key("limit"), 1, TimeSpan.FromSeconds(1), Cancellation)).Allowed);
        Assert.True((await host.Services.GetRequiredService<RedisAdmission>().TryAdmitAsync([new(TestRedis.Key("limit"), 1, TimeSpan.FromSeconds(1))], null, Cancellation)).Admitted);
        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
    }

    [Fact]
    public async Task TheHealthCheck_IsUnhealthy_WhenRedisIsUnreachable()
    {
        using var host = BuildHost($"127.0.0.1:{TestRedis.UnusedPort()},password=x,connectTimeout=500");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancellation);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
        Assert.Contains("127.0.0.1:", report.Entries["redis"].Description);
    }

    [Fact]
    public void AddRedisClient_WithoutAConnectionString_SaysWhatToSet()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedisClient("redis"));

        Assert.Contains("ConnectionStrings__redis", error.Message);
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = connectionString });
        builder.AddRedisClient("redis", options => options.CommandTimeout = TimeSpan.FromSeconds(2));
        return builder.Build();
    }
}
