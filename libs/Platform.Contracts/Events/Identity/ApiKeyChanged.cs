namespace Platform.Contracts.Events.Identity;

/// <summary>A key's permissions or limits changed: caches re-read it on its next use.</summary>
public sealed record ApiKeyChanged(Guid KeyId, Guid UserId, DateTimeOffset ChangedAt);
