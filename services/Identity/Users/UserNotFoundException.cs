namespace Platform.Identity.Users;

internal sealed class UserNotFoundException(Guid userId)
    : Exception($"no user has id {userId}; create the user first or check the id");
