using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Redis.Hosting;

/// <summary>Healthy when the server answers PING.</summary>
internal sealed class RedisHealthCheck(RedisClient redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await redis.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis at {redis.Options.EndPoint} answered PING in {roundTrip.TotalMilliseconds:F1} ms.");
        }
        catch (RedisException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
