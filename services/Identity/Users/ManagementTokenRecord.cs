namespace Platform.Identity.Users;

/// <summary>How a stored management token may be shown: never the token.</summary>
internal sealed record ManagementTokenRecord(string DisplayPrefix, string LastFour, DateTimeOffset CreatedAt);
