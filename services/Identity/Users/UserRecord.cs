namespace Platform.Identity.Users;

/// <summary>A stored user; <paramref name="Standing"/> as stored, to be read with <see cref="TierStanding.At"/>.</summary>
internal sealed record UserRecord(Guid Id, string? Email, string? Name, TierStanding Standing, bool Disabled, DateTimeOffset CreatedAt);
