using System.Net;
using Dapper;
using Npgsql;
using Platform.Identity.Keys;
using Platform.Identity.Secrets;
using Platform.Identity.Users;

namespace Platform.Identity.Auth;

/// <summary>
/// Decides who a presented secret belongs to. A malformed secret is refused before any database work (the checksum
/// catches typos and junk, which is most of what scanners send); a well-formed one costs one indexed query joining the
/// key (or token) and its user.
/// </summary>
internal sealed class Authenticator(NpgsqlDataSource db, TimeProvider clock)
{
    public Task<AuthOutcome> AuthenticateAsync(string secret, IPAddress? client, CancellationToken cancellationToken)
    {
        if (SecretFormat.IsWellFormed(secret, SecretFormat.ApiKeyPrefix))
        {
            return ApiKeyAsync(secret, client, cancellationToken);
        }
        if (SecretFormat.IsWellFormed(secret, SecretFormat.ManagementTokenPrefix))
        {
            return ManagementTokenAsync(secret, cancellationToken);
        }
        return Task.FromResult(AuthOutcome.Refused(AuthFailure.Malformed));
    }

    private async Task<AuthOutcome> ApiKeyAsync(string secret, IPAddress? client, CancellationToken cancellationToken)
    {
        var hash = SecretHash.Of(secret);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyCredential>(new CommandDefinition(
            """
            SELECT k.secret_hash AS SecretHash, k.revoked_at IS NOT NULL AS Revoked, u.disabled_at IS NOT NULL AS UserDisabled,
                u.tier AS Tier, u.tier_expires_at AS TierExpiresAt, k.id AS KeyId, k.user_id AS UserId, k.name AS Name,
                k.allowed_models AS AllowedModels, k.check_models AS CheckModels, k.admin AS Admin, k.search AS Search,
                k.quota_micro_coins AS QuotaMicroCoins, k.spent_micro_coins AS SpentMicroCoins, k.expires_at AS ExpiresAt,
                k.allowed_ips AS AllowedIps, k.rpm_limit AS RpmLimit, k.tpm_limit AS TpmLimit
            FROM api_keys k JOIN users u ON u.id = k.user_id
            WHERE k.secret_hash = @hash
            """,
            new { hash }, cancellationToken: cancellationToken));
        if (row is null || !SecretHash.Matches(row.SecretHash, hash))
        {
            return AuthOutcome.Refused(AuthFailure.Unknown);
        }
        var now = clock.GetUtcNow();
        var failure =
            row.Revoked ? AuthFailure.Revoked
            : row.UserDisabled ? AuthFailure.UserDisabled
            : row.ExpiresAt is { } expires && new DateTimeOffset(expires) <= now ? AuthFailure.Expired
            : !IpAllowList.Allows(row.AllowedIps, client) ? AuthFailure.IpNotAllowed
            : row.SpentMicroCoins >= row.QuotaMicroCoins ? AuthFailure.QuotaSpent
            : (AuthFailure?)null;
        if (failure is { } refused)
        {
            return AuthOutcome.Refused(refused);
        }
        var settings = new KeySettings(row.Name, row.AllowedModels, row.CheckModels, row.Admin, row.Search, row.QuotaMicroCoins,
            row.ExpiresAt is { } expiry ? new DateTimeOffset(expiry) : null, row.AllowedIps, row.RpmLimit, row.TpmLimit);
        return AuthOutcome.Accepted(new AuthenticatedPrincipal(
            CredentialKind.ApiKey, row.UserId, Standing(row.Tier, row.TierExpiresAt, now), row.KeyId, settings, row.SpentMicroCoins));
    }

    private async Task<AuthOutcome> ManagementTokenAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = SecretHash.Of(secret);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenCredential>(new CommandDefinition(
            """
            SELECT t.secret_hash AS SecretHash, u.disabled_at IS NOT NULL AS UserDisabled, u.tier AS Tier, u.tier_expires_at AS TierExpiresAt,
                t.user_id AS UserId
            FROM management_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.secret_hash = @hash
            """,
            new { hash }, cancellationToken: cancellationToken));
        if (row is null || !SecretHash.Matches(row.SecretHash, hash))
        {
            return AuthOutcome.Refused(AuthFailure.Unknown);
        }
        return row.UserDisabled
            ? AuthOutcome.Refused(AuthFailure.UserDisabled)
            : AuthOutcome.Accepted(new AuthenticatedPrincipal(
                CredentialKind.ManagementToken, row.UserId, Standing(row.Tier, row.TierExpiresAt, clock.GetUtcNow()), null, null, 0));
    }

    private static TierStanding Standing(string tier, DateTime? expiresAt, DateTimeOffset now) =>
        new TierStanding(TierStanding.Parse(tier), expiresAt is { } expires ? new DateTimeOffset(expires) : null).At(now);

    // Properties rather than a positional record: Dapper converts Npgsql's System.Array for text[] only when setting a property.
    private sealed class KeyCredential
    {
        public byte[] SecretHash { get; init; } = [];
        public bool Revoked { get; init; }
        public bool UserDisabled { get; init; }
        public string Tier { get; init; } = "";
        public DateTime? TierExpiresAt { get; init; }
        public Guid KeyId { get; init; }
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string[] AllowedModels { get; init; } = [];
        public bool CheckModels { get; init; }
        public bool Admin { get; init; }
        public bool Search { get; init; }
        public long? QuotaMicroCoins { get; init; }
        public long SpentMicroCoins { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public string[] AllowedIps { get; init; } = [];
        public int? RpmLimit { get; init; }
        public int? TpmLimit { get; init; }
    }

    private sealed record TokenCredential(byte[] SecretHash, bool UserDisabled, string Tier, DateTime? TierExpiresAt, Guid UserId);
}
