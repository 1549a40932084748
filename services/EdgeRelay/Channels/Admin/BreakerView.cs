using Platform.EdgeRelay.Channels.Health;

namespace Platform.EdgeRelay.Channels.Admin;

/// <summary>The circuit breaker of a channel as the replica that answered sees it (each replica counts its own calls).</summary>
internal sealed record BreakerView(BreakerState State, int ConsecutiveFailures);
