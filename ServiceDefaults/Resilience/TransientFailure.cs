using System.Net;
using Polly;
using Polly.Timeout;

namespace Platform.ServiceDefaults.Resilience;

internal static class TransientFailure
{
    public static bool Is(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    public static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.GetType().Name ?? ((int?)outcome.Result?.StatusCode)?.ToString() ?? "unknown";

    /// <summary>The server's <c>Retry-After</c>, cut to <paramref name="cap"/>; null when absent or already passed.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? header?.Date - DateTimeOffset.UtcNow;
        if (delay is not { } wait || wait <= TimeSpan.Zero)
        {
            return null;
        }

        return wait < cap ? wait : cap;
    }
}
