namespace Platform.Contracts.Events.Relay;

/// <summary>An upstream channel was created, changed, disabled or deleted: every edge replica reloads it.</summary>
public sealed record ChannelChanged(Guid ChannelId, DateTimeOffset ChangedAt);
