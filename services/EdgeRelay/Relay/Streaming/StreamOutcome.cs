using Platform.EdgeRelay.Relay.Billing;

namespace Platform.EdgeRelay.Relay.Streaming;

/// <summary>How a relayed stream ended and what it showed of its usage.</summary>
/// <param name="Usage">The upstream's usage chunk, when one came.</param>
/// <param name="ContentEvents">Events other than the usage chunk and [DONE]; OpenAI-style upstreams send about one token per event.</param>
/// <param name="End">Why the relay stopped reading.</param>
internal sealed record StreamOutcome(ReportedUsage? Usage, long ContentEvents, StreamEnd End);
