using Platform.EdgeRelay.Relay.Requests;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// What a call is charged when the upstream reported no usage (a client that left mid-stream, an upstream that broke
/// off or never sends usage): the prompt as estimated for the hold, and one output token per content event streamed
/// (OpenAI-style upstreams send about one token per event), never more output than the hold assumed. Both parts are at
/// most what the hold priced, so the charge never exceeds the hold.
/// </summary>
internal static class EstimatePolicy
{
    public static ReportedUsage FromStream(RelayRequest request, long contentEvents) =>
        new(request.EstimatedPromptTokens, Math.Min(contentEvents, request.MaxOutputTokens), 0, 0, 0);

    /// <summary>A whole answer without usage: only the prompt is charged (its output cannot be counted reliably).</summary>
    public static ReportedUsage Whole(RelayRequest request) => new(request.EstimatedPromptTokens, 0, 0, 0, 0);
}
