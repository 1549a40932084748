namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// One pipeline (and so one circuit breaker) per client and target: a failing service must not
/// open the circuit for calls the same client makes to healthy ones.
/// </summary>
internal readonly record struct HttpResiliencePipelineKey(string ClientName, string Authority);
