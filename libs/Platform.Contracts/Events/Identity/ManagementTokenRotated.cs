namespace Platform.Contracts.Events.Identity;

/// <summary>A user's management token was replaced: caches drop the old one at once.</summary>
public sealed record ManagementTokenRotated(Guid UserId, DateTimeOffset RotatedAt);
