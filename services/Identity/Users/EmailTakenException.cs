namespace Platform.Identity.Users;

internal sealed class EmailTakenException(string email)
    : Exception($"another user already has the email '{email}'; look that user up instead of creating a second one");
