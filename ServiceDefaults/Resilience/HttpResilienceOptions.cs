namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Timeouts, retries and circuit breaking for outgoing HTTP calls. Every client starts from the
/// <c>Resilience</c> configuration section; configure one client with
/// <c>services.Configure&lt;HttpResilienceOptions&gt;("client-name", ...)</c> or turn it off with
/// <c>WithoutResilience()</c>.
/// </summary>
public sealed class HttpResilienceOptions
{
    /// <summary>The configuration section every client's options are bound from.</summary>
    public const string SectionName = "Resilience";

    /// <summary>False leaves the client with no timeout, retry or circuit breaker from the platform.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Limit for the whole call, retries and delays included.</summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for one attempt, up to the response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt; only idempotent requests with re-sendable content are retried. 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential, jittered backoff. Internal calls are on the request path, so it starts short.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait a response's <c>Retry-After</c> can ask for; longer requests are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.1;

    /// <summary>Calls needed within <see cref="CircuitBreakerSamplingDuration"/> before the circuit may open (at least 2).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 100;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting one through to test the service.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
