using Npgsql;
using Platform.Identity.Auth;
using Platform.Identity.Secrets;
using Platform.Identity.Tests.Support;

namespace Platform.Identity.Tests.Auth;

public sealed class AuthenticatorTests
{
    [Fact]
    public async Task Malformed_IsDecidedWithoutTheDatabase()
    {
        // Nothing listens on port 1: any database access fails the call instead of answering.
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2");
        var authenticator = new Authenticator(unreachable, TimeProvider.System);
        var key = SecretFormat.Generate(SecretFormat.ApiKeyPrefix);

        foreach (var mutation in SecretMutations.Of(key, 1_000, SecretMutations.Seed).Append("").Append("Bearer " + key))
        {
            var outcome = await authenticator.AuthenticateAsync(mutation, null, TestContext.Current.CancellationToken);
            Assert.Equal(AuthFailure.Malformed, outcome.Failure);
        }
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => authenticator.AuthenticateAsync(key, null, TestContext.Current.CancellationToken));
    }
}
