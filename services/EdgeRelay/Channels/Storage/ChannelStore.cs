using System.Text.Json;
using Dapper;
using Npgsql;
using Platform.Contracts.Events.Relay;
using Platform.EdgeRelay.Json;
using Platform.Messaging.Outbox;

namespace Platform.EdgeRelay.Channels.Storage;

/// <summary>
/// The <c>channels</c> table of relaydb. Every change publishes <see cref="ChannelChanged"/> in its transaction, which
/// makes every edge replica reload its <see cref="ChannelDirectory"/>. Keys are sealed before a transaction starts, so a
/// missing encryption key fails a write before it touches the database.
/// </summary>
internal sealed partial class ChannelStore(NpgsqlDataSource db, OutboxWriter outbox, ChannelKeyCipher cipher, TimeProvider clock, ILogger<ChannelStore> logger)
{
    private const string OperatorDisabled = "disabled by an operator";

    /// <summary>Every channel, enabled or not, highest priority first.</summary>
    public async Task<IReadOnlyList<ChannelRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChannelRow>(new CommandDefinition(
            $"SELECT {Columns} FROM channels ORDER BY priority DESC, name", cancellationToken: cancellationToken));
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task<ChannelRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ChannelRow>(new CommandDefinition(
            $"SELECT {Columns} FROM channels WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <exception cref="ChannelNameTakenException">Another channel has the name.</exception>
    /// <exception cref="EncryptionKeyUnavailableException">The keys cannot be encrypted.</exception>
    public async Task<ChannelRecord> CreateAsync(ChannelSettings settings, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var sealedKeys = Seal(id, keys);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await WriteAsync(transaction, settings.Name, () => connection.QuerySingleAsync<ChannelRow>(new CommandDefinition(
            $"""
            INSERT INTO channels (id, name, kind, base_url, api_version, keys, key_hints, models, model_map, priority, weight, no_native_streaming,
                enabled, disabled_by, disabled_reason, created_at, updated_at)
            VALUES (@id, @Name, @kind, @baseUrl, @ApiVersion, @sealedKeys, @keyHints, @models, @modelMap::jsonb, @Priority, @Weight, @NoNativeStreaming,
                @Enabled, @disabledBy, @disabledReason, @now, @now)
            RETURNING {Columns}
            """,
            new
            {
                id, settings.Name, kind = settings.Kind.Name(), baseUrl = settings.BaseUrl.AbsoluteUri, settings.ApiVersion, sealedKeys, keyHints = Hints(keys),
                models = settings.Models.ToArray(), modelMap = JsonSerializer.Serialize(settings.ModelMap), settings.Priority, settings.Weight,
                settings.NoNativeStreaming, settings.Enabled, disabledBy = settings.Enabled ? null : "operator",
                disabledReason = settings.Enabled ? null : OperatorDisabled, now,
            },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        LogCreated(id, settings.Name);
        return row.ToRecord();
    }

    /// <summary>Applies the given fields of <paramref name="patch"/>; <c>keys</c>, when given, replace all keys.</summary>
    /// <returns>The channel as it is now, or null when there is no such channel.</returns>
    /// <exception cref="ChannelValidationException">The result would not be a valid channel.</exception>
    /// <exception cref="ChannelNameTakenException">Another channel has the new name.</exception>
    /// <exception cref="EncryptionKeyUnavailableException">New keys cannot be encrypted.</exception>
    public async Task<ChannelRecord?> UpdateAsync(Guid id, ChannelPatch patch, CancellationToken cancellationToken)
    {
        var newKeys = patch.Keys.IsSet ? ChannelSettings.ValidKeys(patch.Keys.Value) : null;
        var sealedKeys = newKeys is null ? null : Seal(id, newKeys);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = (await connection.QuerySingleOrDefaultAsync<ChannelRow>(new CommandDefinition(
            $"SELECT {Columns} FROM channels WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken)))?.ToRecord();
        if (current is null)
        {
            return null;
        }
        var settings = current.Settings.With(patch);
        var (disabledBy, disabledReason) = Disabling(current, patch.Enabled);
        var row = await WriteAsync(transaction, settings.Name, () => connection.QuerySingleAsync<ChannelRow>(new CommandDefinition(
            $"""
            UPDATE channels SET name = @Name, kind = @kind, base_url = @baseUrl, api_version = @ApiVersion,
                keys = coalesce(@sealedKeys, keys), key_hints = coalesce(@keyHints, key_hints), models = @models, model_map = @modelMap::jsonb,
                priority = @Priority, weight = @Weight, no_native_streaming = @NoNativeStreaming, enabled = @Enabled,
                disabled_by = @disabledBy, disabled_reason = @disabledReason,
                consecutive_failures = CASE WHEN @Enabled THEN 0 ELSE consecutive_failures END, updated_at = @now
            WHERE id = @id
            RETURNING {Columns}
            """,
            new
            {
                id, settings.Name, kind = settings.Kind.Name(), baseUrl = settings.BaseUrl.AbsoluteUri, settings.ApiVersion, sealedKeys,
                keyHints = newKeys is null ? null : Hints(newKeys), models = settings.Models.ToArray(), modelMap = JsonSerializer.Serialize(settings.ModelMap),
                settings.Priority, settings.Weight, settings.NoNativeStreaming, settings.Enabled, disabledBy = Name(disabledBy), disabledReason,
                now = clock.GetUtcNow(),
            },
            transaction, cancellationToken: cancellationToken)), cancellationToken);
        LogUpdated(id, settings.Name, newKeys is not null);
        return row.ToRecord();
    }

    /// <returns>False when there is no such channel.</returns>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var name = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "DELETE FROM channels WHERE id = @id RETURNING name", new { id }, transaction, cancellationToken: cancellationToken));
        if (name is null)
        {
            return false;
        }
        await outbox.EnqueueAsync(transaction, new ChannelChanged(id, clock.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogDeleted(id, name);
        return true;
    }

    /// <summary>Turns off a channel that keeps failing, unless it is off already (an operator's disabling stays theirs).</summary>
    /// <returns>Whether this call disabled it.</returns>
    public Task<bool> AutoDisableAsync(Guid id, int consecutiveFailures, string reason, CancellationToken cancellationToken) => ChangeAsync(id,
        "UPDATE channels SET enabled = false, disabled_by = 'auto', disabled_reason = @reason, consecutive_failures = @consecutiveFailures, updated_at = @now WHERE id = @id AND enabled",
        new { id, consecutiveFailures, reason, now = clock.GetUtcNow() }, cancellationToken);

    /// <summary>Turns a channel the monitor disabled back on; one an operator disabled is left alone.</summary>
    /// <returns>Whether this call enabled it.</returns>
    public Task<bool> AutoEnableAsync(Guid id, CancellationToken cancellationToken) => ChangeAsync(id,
        "UPDATE channels SET enabled = true, disabled_by = NULL, disabled_reason = NULL, consecutive_failures = 0, updated_at = @now WHERE id = @id AND disabled_by = 'auto'",
        new { id, now = clock.GetUtcNow() }, cancellationToken);

    private async Task<bool> ChangeAsync(Guid id, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }
        await outbox.EnqueueAsync(transaction, new ChannelChanged(id, clock.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<ChannelRow> WriteAsync(NpgsqlTransaction transaction, string name, Func<Task<ChannelRow>> write, CancellationToken cancellationToken)
    {
        ChannelRow row;
        try
        {
            row = await write();
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "channels_name_key" })
        {
            throw new ChannelNameTakenException(name);
        }
        await outbox.EnqueueAsync(transaction, new ChannelChanged(row.Id, clock.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>Enabling clears any disabling; disabling makes it an operator's, which the probe never undoes.</summary>
    private static (DisabledBy? By, string? Reason) Disabling(ChannelRecord current, Optional<bool> enabled)
    {
        if (!enabled.IsSet || (!enabled.Value && current.DisabledBy == DisabledBy.Operator))
        {
            return (current.DisabledBy, current.DisabledReason);
        }
        return enabled.Value ? (null, null) : (DisabledBy.Operator, OperatorDisabled);
    }

    private byte[][] Seal(Guid id, IReadOnlyList<string> keys) => keys.Select(key => cipher.Encrypt(id, key)).ToArray();

    private static string[] Hints(IReadOnlyList<string> keys) => keys.Select(key => key[^4..]).ToArray();

    private static string? Name(DisabledBy? by) => by switch
    {
        DisabledBy.Operator => "operator",
        DisabledBy.Auto => "auto",
        _ => null,
    };

    private const string Columns =
        """
        id AS Id, name AS Name, kind AS Kind, base_url AS BaseUrl, api_version AS ApiVersion, keys AS SealedKeys, key_hints AS KeyHints,
        models AS Models, model_map::text AS ModelMap, priority AS Priority, weight AS Weight, no_native_streaming AS NoNativeStreaming,
        enabled AS Enabled, disabled_by AS DisabledBy, disabled_reason AS DisabledReason, consecutive_failures AS ConsecutiveFailures,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created channel {ChannelId} ({ChannelName})")]
    private partial void LogCreated(Guid channelId, string channelName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Changed channel {ChannelId} ({ChannelName}); keys replaced: {KeysReplaced}")]
    private partial void LogUpdated(Guid channelId, string channelName, bool keysReplaced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted channel {ChannelId} ({ChannelName})")]
    private partial void LogDeleted(Guid channelId, string channelName);

    private sealed class ChannelRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string BaseUrl { get; init; } = "";
        public string? ApiVersion { get; init; }
        public byte[][] SealedKeys { get; init; } = [];
        public string[] KeyHints { get; init; } = [];
        public string[] Models { get; init; } = [];
        public string ModelMap { get; init; } = "{}";
        public int Priority { get; init; }
        public int Weight { get; init; }
        public bool NoNativeStreaming { get; init; }
        public bool Enabled { get; init; }
        public string? DisabledBy { get; init; }
        public string? DisabledReason { get; init; }
        public int ConsecutiveFailures { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public ChannelRecord ToRecord() => new(
            Id,
            new ChannelSettings(Name, ChannelKindNames.Parse(Kind) ?? throw new InvalidOperationException($"channel {Id} has an unknown kind '{Kind}'"),
                new Uri(BaseUrl), ApiVersion, Models, JsonSerializer.Deserialize<Dictionary<string, string>>(ModelMap) ?? [],
                Priority, Weight, NoNativeStreaming, Enabled),
            SealedKeys,
            KeyHints,
            DisabledBy switch { "operator" => Storage.DisabledBy.Operator, "auto" => Storage.DisabledBy.Auto, _ => null },
            DisabledReason,
            ConsecutiveFailures,
            new DateTimeOffset(CreatedAt),
            new DateTimeOffset(UpdatedAt));
    }
}
