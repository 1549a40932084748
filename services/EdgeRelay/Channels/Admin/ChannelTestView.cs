using Platform.EdgeRelay.Channels.Health;

namespace Platform.EdgeRelay.Channels.Admin;

/// <summary>The outcome of <c>POST /admin/v1/channels/{id}/test</c>, and the channel afterwards.</summary>
internal sealed record ChannelTestView(bool Ok, ChannelFailure? Failure, int? Status, string? Error, long LatencyMs, ChannelView Channel);
