namespace Platform.Contracts.Events.Identity;

/// <summary>A key was deleted or revoked: every edge replica drops it from its cache at once.</summary>
public sealed record ApiKeyRevoked(Guid KeyId, Guid UserId, DateTimeOffset RevokedAt);
