namespace Platform.Identity.Users;

internal sealed class LedgerUnavailableException(string detail, Exception inner)
    : Exception($"the ledger could not open the new user's wallet ({detail}); no user was created, try again", inner);
