namespace Platform.Identity.Users;

/// <summary>A validated CreateUser request: an email, a name or both, and the starting tier.</summary>
internal sealed record NewUser(string? Email, string? Name, TierStanding Standing);
