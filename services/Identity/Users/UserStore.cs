using Dapper;
using Npgsql;
using Platform.Contracts.Events.Identity;
using Platform.Identity.Paging;
using Platform.Identity.Secrets;
using Platform.Messaging.Outbox;

namespace Platform.Identity.Users;

/// <summary>Stored users and their management tokens.</summary>
internal sealed partial class UserStore(NpgsqlDataSource db, OutboxWriter outbox, TimeProvider clock, ILogger<UserStore> logger)
{
    /// <summary>Inserts the user with its management token (only the token's hash and display parts are stored).</summary>
    /// <exception cref="EmailTakenException">Another user has the email.</exception>
    public async Task<UserRecord> CreateAsync(Guid userId, NewUser user, IssuedSecret token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        UserRow row;
        try
        {
            row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
                $"""
                INSERT INTO users (id, email, name, tier, tier_expires_at, created_at, updated_at)
                VALUES (@userId, @Email, @Name, @tier, @expiresAt, @now, @now)
                RETURNING {Columns}
                """,
                new { userId, user.Email, user.Name, tier = user.Standing.StoredName, expiresAt = user.Standing.ExpiresAt, now },
                transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO management_tokens (user_id, secret_hash, display_prefix, last_four, created_at)
                VALUES (@userId, @Hash, @DisplayPrefix, @LastFour, @now)
                """,
                new { userId, token.Hash, token.DisplayPrefix, token.LastFour, now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "users_email" })
        {
            throw new EmailTakenException(user.Email!);
        }
        LogCreated(userId);
        return row.ToRecord();
    }

    /// <exception cref="UserNotFoundException">No such user.</exception>
    public async Task<UserRecord> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id = @userId", new { userId }, cancellationToken: cancellationToken));
        return row?.ToRecord() ?? throw new UserNotFoundException(userId);
    }

    /// <summary>One page, newest first, after the user <paramref name="after"/> of the previous page.</summary>
    public async Task<Page<UserRecord>> ListAsync(Guid? after, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE @after::uuid IS NULL OR id < @after ORDER BY id DESC LIMIT @limit",
            new { after, limit = pageSize + 1 }, cancellationToken: cancellationToken));
        return Page<UserRecord>.From(rows.Select(row => row.ToRecord()).ToList(), pageSize, user => user.Id);
    }

    /// <summary>Renames and disables or enables; disabling publishes <see cref="UserDisabled"/> with the change.</summary>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    public async Task<UserRecord> UpdateAsync(Guid userId, string? name, bool? disabled, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var wasDisabled = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "SELECT disabled_at IS NOT NULL FROM users WHERE id = @userId FOR UPDATE", new { userId }, transaction, cancellationToken: cancellationToken))
            ?? throw new UserNotFoundException(userId);
        var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(
            $"""
            UPDATE users
            SET name = coalesce(@name, name),
                disabled_at = CASE WHEN @disabled IS NULL THEN disabled_at WHEN @disabled THEN coalesce(disabled_at, @now) ELSE NULL END,
                updated_at = @now
            WHERE id = @userId
            RETURNING {Columns}
            """,
            new { userId, name, disabled, now }, transaction, cancellationToken: cancellationToken));
        var disabling = disabled == true && !wasDisabled;
        if (disabling)
        {
            await outbox.EnqueueAsync(transaction, new UserDisabled(userId, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (disabling)
        {
            LogDisabled(userId);
        }
        return row.ToRecord();
    }

    /// <summary>Applies a membership change unless a newer one was applied already; false when ignored or the user is unknown.</summary>
    public static async Task<bool> ApplyMembershipAsync(NpgsqlTransaction transaction, Guid userId, TierStanding standing, DateTimeOffset changedAt,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET tier = @tier, tier_expires_at = @expiresAt, tier_changed_at = @changedAt, updated_at = now()
            WHERE id = @userId AND (tier_changed_at IS NULL OR tier_changed_at < @changedAt)
            """,
            new { userId, tier = standing.StoredName, expiresAt = standing.ExpiresAt, changedAt }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <exception cref="UserNotFoundException">No such user.</exception>
    public async Task<ManagementTokenRecord> GetManagementTokenAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            "SELECT display_prefix AS DisplayPrefix, last_four AS LastFour, created_at AS CreatedAt FROM management_tokens WHERE user_id = @userId",
            new { userId }, cancellationToken: cancellationToken));
        return row?.ToRecord() ?? throw new UserNotFoundException(userId);
    }

    /// <summary>Replaces the user's management token with <paramref name="token"/>; the old one stops authenticating at commit.</summary>
    /// <exception cref="UserNotFoundException">No such user.</exception>
    public async Task<ManagementTokenRecord> RotateManagementTokenAsync(Guid userId, IssuedSecret token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            """
            UPDATE management_tokens SET secret_hash = @Hash, display_prefix = @DisplayPrefix, last_four = @LastFour, created_at = @now
            WHERE user_id = @userId
            RETURNING display_prefix AS DisplayPrefix, last_four AS LastFour, created_at AS CreatedAt
            """,
            new { userId, token.Hash, token.DisplayPrefix, token.LastFour, now }, transaction, cancellationToken: cancellationToken));
        var rotated = row?.ToRecord() ?? throw new UserNotFoundException(userId);
        await outbox.EnqueueAsync(transaction, new ManagementTokenRotated(userId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogTokenRotated(userId);
        return rotated;
    }

    private const string Columns =
        "id AS Id, email AS Email, name AS Name, tier AS Tier, tier_expires_at AS TierExpiresAt, disabled_at IS NOT NULL AS Disabled, created_at AS CreatedAt";

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user {UserId}")]
    private partial void LogCreated(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disabled user {UserId}: its keys and management token stop authenticating")]
    private partial void LogDisabled(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rotated the management token of user {UserId}")]
    private partial void LogTokenRotated(Guid userId);

    private sealed record UserRow(Guid Id, string? Email, string? Name, string Tier, DateTime? TierExpiresAt, bool Disabled, DateTime CreatedAt)
    {
        public UserRecord ToRecord() => new(Id, Email, Name,
            new TierStanding(TierStanding.Parse(Tier), TierExpiresAt is { } expires ? new DateTimeOffset(expires) : null), Disabled, new DateTimeOffset(CreatedAt));
    }

    private sealed record TokenRow(string DisplayPrefix, string LastFour, DateTime CreatedAt)
    {
        public ManagementTokenRecord ToRecord() => new(DisplayPrefix, LastFour, new DateTimeOffset(CreatedAt));
    }
}
