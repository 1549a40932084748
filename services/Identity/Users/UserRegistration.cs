using Platform.Identity.Secrets;

namespace Platform.Identity.Users;

/// <summary>
/// Creates a user across two services without a distributed transaction: the id is chosen first, the ledger opens the
/// wallet under it (idempotent), and only then is the user stored. A failure after the wallet leaves an empty wallet
/// nobody can reach, which is harmless; the reverse order could leave a user who cannot pay.
/// </summary>
internal sealed class UserRegistration(LedgerWallets wallets, UserStore users)
{
    /// <summary>The new user and its management token, whose text exists only in this result.</summary>
    public async Task<(UserRecord User, IssuedSecret ManagementToken)> RegisterAsync(NewUser user, CancellationToken cancellationToken)
    {
        var userId = Guid.CreateVersion7();
        await wallets.OpenAsync(userId, cancellationToken);
        var token = IssuedSecret.Generate(SecretFormat.ManagementTokenPrefix);
        return (await users.CreateAsync(userId, user, token, cancellationToken), token);
    }
}
