using Dapper;
using Npgsql;
using Platform.Contracts.Events.Identity;
using Platform.Identity.Paging;
using Platform.Identity.Secrets;
using Platform.Identity.Users;
using Platform.Messaging.Outbox;

namespace Platform.Identity.Keys;

/// <summary>
/// Users' API keys. Every call is scoped to the owning user: another user's key is not found, like a revoked one.
/// Changes publish ApiKeyChanged, revocations ApiKeyRevoked, in the transaction of the change.
/// </summary>
internal sealed partial class KeyStore(NpgsqlDataSource db, OutboxWriter outbox, TimeProvider clock, ILogger<KeyStore> logger)
{
    /// <summary>Stores a new key of <paramref name="userId"/>: its settings and what is kept of <paramref name="secret"/>.</summary>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    /// <exception cref="UserDisabledException">The user is disabled.</exception>
    public async Task<KeyRecord> CreateAsync(Guid userId, KeySettings settings, IssuedSecret secret, CancellationToken cancellationToken)
    {
        var keyId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR SHARE: a concurrent disabling waits for this key to exist (or this waits for it), so no key slips past it.
        var disabled = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "SELECT disabled_at IS NOT NULL FROM users WHERE id = @userId FOR SHARE", new { userId }, transaction, cancellationToken: cancellationToken))
            ?? throw new UserNotFoundException(userId);
        if (disabled)
        {
            throw new UserDisabledException(userId);
        }
        var row = await connection.QuerySingleAsync<KeyRow>(new CommandDefinition(
            $"""
            INSERT INTO api_keys (id, user_id, secret_hash, display_prefix, last_four, name, allowed_models, check_models, admin, search,
                quota_micro_coins, expires_at, allowed_ips, rpm_limit, tpm_limit, created_at, updated_at)
            VALUES (@keyId, @userId, @hash, @displayPrefix, @lastFour, @Name, @allowedModels, @CheckModels, @Admin, @Search,
                @QuotaMicroCoins, @ExpiresAt, @allowedIps, @RpmLimit, @TpmLimit, @now, @now)
            RETURNING {Columns}
            """,
            new
            {
                keyId, userId, hash = secret.Hash, displayPrefix = secret.DisplayPrefix, lastFour = secret.LastFour,
                settings.Name, allowedModels = settings.AllowedModels.ToArray(), settings.CheckModels, settings.Admin, settings.Search,
                settings.QuotaMicroCoins, settings.ExpiresAt, allowedIps = settings.AllowedIps.ToArray(), settings.RpmLimit, settings.TpmLimit, now,
            },
            transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new ApiKeyChanged(keyId, userId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCreated(keyId, userId);
        return row.ToRecord();
    }

    /// <summary>One page of the user's unrevoked keys, newest first, after the key <paramref name="after"/> of the previous page.</summary>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    public async Task<Page<KeyRecord>> ListAsync(Guid userId, Guid? after, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM api_keys
            WHERE user_id = @userId AND revoked_at IS NULL AND (@after::uuid IS NULL OR id < @after)
            ORDER BY id DESC LIMIT @limit
            """,
            new { userId, after, limit = pageSize + 1 }, cancellationToken: cancellationToken))).AsList();
        // Only an empty first page needs telling apart "no keys yet" from "no such user".
        if (rows.Count == 0 && after is null && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = @userId)", new { userId }, cancellationToken: cancellationToken)))
        {
            throw new UserNotFoundException(userId);
        }
        return Page<KeyRecord>.From(rows.Select(row => row.ToRecord()).ToList(), pageSize, key => key.Id);
    }

    /// <exception cref="ApiKeyNotFoundException">The user has no such unrevoked key.</exception>
    public async Task<KeyRecord> GetAsync(Guid userId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @keyId AND user_id = @userId AND revoked_at IS NULL",
            new { keyId, userId }, cancellationToken: cancellationToken));
        return row?.ToRecord() ?? throw new ApiKeyNotFoundException(keyId);
    }

    /// <summary>Applies <paramref name="update"/> to the key's current settings and publishes ApiKeyChanged.</summary>
    /// <exception cref="ApiKeyNotFoundException">The user has no such unrevoked key.</exception>
    public async Task<KeyRecord> UpdateAsync(Guid userId, Guid keyId, KeyUpdate update, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @keyId AND user_id = @userId AND revoked_at IS NULL FOR UPDATE",
            new { keyId, userId }, transaction, cancellationToken: cancellationToken))
            ?? throw new ApiKeyNotFoundException(keyId);
        var next = update.ApplyTo(current.ToRecord().Settings);
        var row = await connection.QuerySingleAsync<KeyRow>(new CommandDefinition(
            $"""
            UPDATE api_keys
            SET name = @Name, allowed_models = @allowedModels, check_models = @CheckModels, admin = @Admin, search = @Search,
                quota_micro_coins = @QuotaMicroCoins, expires_at = @ExpiresAt, allowed_ips = @allowedIps, rpm_limit = @RpmLimit,
                tpm_limit = @TpmLimit, updated_at = @now
            WHERE id = @keyId
            RETURNING {Columns}
            """,
            new
            {
                keyId, next.Name, allowedModels = next.AllowedModels.ToArray(), next.CheckModels, next.Admin, next.Search, next.QuotaMicroCoins,
                next.ExpiresAt, allowedIps = next.AllowedIps.ToArray(), next.RpmLimit, next.TpmLimit, now,
            },
            transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new ApiKeyChanged(keyId, userId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogUpdated(keyId, userId);
        return row.ToRecord();
    }

    /// <summary>Revokes the key (it stops authenticating at commit) and publishes ApiKeyRevoked; false when it was revoked already.</summary>
    /// <exception cref="ApiKeyNotFoundException">The user has no such key, revoked or not.</exception>
    public async Task<bool> RevokeAsync(Guid userId, Guid keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now, updated_at = @now WHERE id = @keyId AND user_id = @userId AND revoked_at IS NULL",
            new { keyId, userId, now }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!revoked)
        {
            return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = @keyId AND user_id = @userId)",
                new { keyId, userId }, transaction, cancellationToken: cancellationToken))
                ? false
                : throw new ApiKeyNotFoundException(keyId);
        }
        await outbox.EnqueueAsync(transaction, new ApiKeyRevoked(keyId, userId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRevoked(keyId, userId);
        return true;
    }

    private const string Columns =
        """
        id AS Id, user_id AS UserId, name AS Name, allowed_models AS AllowedModels, check_models AS CheckModels, admin AS Admin, search AS Search,
        quota_micro_coins AS QuotaMicroCoins, expires_at AS ExpiresAt, allowed_ips AS AllowedIps, rpm_limit AS RpmLimit, tpm_limit AS TpmLimit,
        display_prefix AS DisplayPrefix, last_four AS LastFour, spent_micro_coins AS SpentMicroCoins, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued key {KeyId} to user {UserId}")]
    private partial void LogCreated(Guid keyId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Changed the settings of key {KeyId} of user {UserId}")]
    private partial void LogUpdated(Guid keyId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked key {KeyId} of user {UserId}")]
    private partial void LogRevoked(Guid keyId, Guid userId);

    // A class with properties, not a positional record: Npgsql reports text[] columns as System.Array, which Dapper
    // converts when setting a property but not when matching a constructor parameter.
    private sealed class KeyRow
    {
        public Guid Id { get; init; }
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string[] AllowedModels { get; init; } = [];
        public bool CheckModels { get; init; }
        public bool Admin { get; init; }
        public bool Search { get; init; }
        public long? QuotaMicroCoins { get; init; }
        public DateTime? ExpiresAt { get; init; }
        public string[] AllowedIps { get; init; } = [];
        public int? RpmLimit { get; init; }
        public int? TpmLimit { get; init; }
        public string DisplayPrefix { get; init; } = "";
        public string LastFour { get; init; } = "";
        public long SpentMicroCoins { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public KeyRecord ToRecord() => new(Id, UserId,
            new KeySettings(Name, AllowedModels, CheckModels, Admin, Search, QuotaMicroCoins, ExpiresAt is { } expires ? new DateTimeOffset(expires) : null,
                AllowedIps, RpmLimit, TpmLimit),
            DisplayPrefix, LastFour, SpentMicroCoins, new DateTimeOffset(CreatedAt), new DateTimeOffset(UpdatedAt));
    }
}
