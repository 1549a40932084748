namespace Platform.Contracts.Events.Identity;

/// <summary>A user was disabled: all of the user's keys stop working.</summary>
public sealed record UserDisabled(Guid UserId, DateTimeOffset DisabledAt);
