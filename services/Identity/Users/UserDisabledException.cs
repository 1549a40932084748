namespace Platform.Identity.Users;

internal sealed class UserDisabledException(Guid userId)
    : Exception($"user {userId} is disabled; enable the user (UpdateUser with disabled = false) before issuing keys");
