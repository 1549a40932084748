using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.Redis;
using Platform.Redis.Hosting;
using Platform.Redis.RateLimiting;

// Like Aspire's AddRedisClient: Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Redis client of a service.</summary>
public static class RedisHostingExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="RedisClient"/> for <c>ConnectionStrings:{connectionName}</c> (the AppHost
    /// injects it as <c>ConnectionStrings__{connectionName}</c>), a <see cref="RedisRateLimiter"/>, a <see cref="RedisConcurrencyLimiter"/> and a
    /// <see cref="RedisAdmission"/> on it, and a readiness health check named <paramref name="connectionName"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string is not configured.</exception>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName, Action<RedisOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. The AppHost sets it (environment variable ConnectionStrings__{connectionName}); " +
                "to run the service on its own, set it to 'host:port,password=...'.");
        }
        var options = RedisOptions.Parse(connectionString);
        configure?.Invoke(options);

        builder.Services.AddSingleton(services => new RedisClient(options, services.GetService<ILogger<RedisClient>>()));
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<RedisConcurrencyLimiter>();
        builder.Services.AddSingleton<RedisAdmission>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName, services => new RedisHealthCheck(services.GetRequiredService<RedisClient>()), failureStatus: null, tags: null));
        return builder;
    }
}
