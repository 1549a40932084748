namespace Platform.EdgeRelay.Channels.Health;

/// <summary>A channel failed <see cref="ChannelOptions.DisableAfterFailures"/> times in a row and should be turned off.</summary>
internal sealed record AutoDisableRequest(Guid ChannelId, int ConsecutiveFailures, ChannelFailure LastFailure);
