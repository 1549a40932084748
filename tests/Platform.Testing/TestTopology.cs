using Platform.Hosting;

namespace Platform.Testing;

/// <summary>The servers of the AppHost, under the same resource names, so a test run can attach to them.</summary>
public static class TestTopology
{
    /// <summary>Resource names (as in AppHost/Program.cs).</summary>
    public const string Postgres = "postgres", Redis = "redis", RabbitMq = "rabbitmq";

    /// <summary>Postgres, Redis and RabbitMQ with the given options.</summary>
    public static DistributedApplication Build(HostingOptions options)
    {
        var builder = DistributedApplication.CreateBuilder(options);
        builder.AddPostgres(Postgres);
        builder.AddRedis(Redis);
        builder.AddRabbitMQ(RabbitMq);
        return builder.Build();
    }
}
