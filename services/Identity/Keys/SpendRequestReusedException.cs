namespace Platform.Identity.Keys;

internal sealed class SpendRequestReusedException(string requestId, Guid keyId, long amount)
    : Exception($"request_id '{requestId}' already recorded {amount} micro-coins for key {keyId}; a new call needs a new request_id");
