namespace Platform.Identity.Keys;

internal sealed class ApiKeyNotFoundException(Guid keyId)
    : Exception($"there is no key {keyId} for this user (it never existed, belongs to another user or was deleted); list the user's keys for their ids");
