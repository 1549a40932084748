using Platform.ServiceDefaults.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Per-client control over the resilience that <c>AddServiceDefaults</c> gives every <see cref="HttpClient"/>.</summary>
public static class HttpClientBuilderResilienceExtensions
{
    /// <summary>
    /// Removes the platform's timeouts, retries and circuit breaker from this client. Meant for
    /// long-lived streams (LLM completions) that enforce their own first-byte and idle timeouts;
    /// the client's own <see cref="HttpClient.Timeout"/> still applies.
    /// </summary>
    public static IHttpClientBuilder WithoutResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HttpResilienceOptions>(builder.Name, options => options.Enabled = false);
        return builder;
    }
}
