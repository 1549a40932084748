using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Total timeout, then retry, then circuit breaker, then per-attempt timeout (outermost first),
/// the order of Microsoft's standard resilience handler: the breaker sees every attempt and an
/// attempt that times out can be retried while the total budget lasts.
/// </summary>
internal static class HttpResiliencePipeline
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Platform.ServiceDefaults.Request");

    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        HttpResiliencePipelineKey key,
        HttpResilienceOptions options,
        ILogger logger)
    {
        pipeline.AddTimeout(options.TotalRequestTimeout);

        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    TransientFailure.Is(args.Outcome)
                    && args.Context.Properties.TryGetValue(RequestKey, out var request)
                    && RetryableRequest.CanRetry(request)),
                DelayGenerator = args => ValueTask.FromResult(
                    TransientFailure.RetryAfter(args.Outcome.Result, options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Retrying call to {Authority} by client {Client} in {Delay} after {Failure} (retry {Retry})",
                        key.Authority, key.ClientName, args.RetryDelay, TransientFailure.Describe(args.Outcome), args.AttemptNumber + 1);
                    return default;
                },
            });
        }

        pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(TransientFailure.Is(args.Outcome)),
            OnOpened = args =>
            {
                logger.LogWarning(
                    "Circuit to {Authority} for client {Client} opened for {BreakDuration} after {Failure}",
                    key.Authority, key.ClientName, args.BreakDuration, TransientFailure.Describe(args.Outcome));
                return default;
            },
        });

        pipeline.AddTimeout(options.AttemptTimeout);
    }
}
