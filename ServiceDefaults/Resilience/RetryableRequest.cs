using System.Net.Http.Json;

namespace Platform.ServiceDefaults.Resilience;

internal static class RetryableRequest
{
    /// <summary>A retry must neither repeat a side effect nor send a body that was already consumed.</summary>
    public static bool CanRetry(HttpRequestMessage request) =>
        IsIdempotent(request.Method) && CanResend(request.Content);

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;

    // Only content that holds its bytes (or its value) can be written twice; a stream cannot.
    private static bool CanResend(HttpContent? content) => content switch
    {
        null => true,
        ByteArrayContent or ReadOnlyMemoryContent or JsonContent => true,
        MultipartContent parts => parts.All(CanResend),
        _ => false,
    };
}
