using System.Data;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Ledger.Usage;

/// <summary>
/// Reads one user's usage records. Every query is bounded by created_at with plain parameters, so Postgres prunes
/// usage_records to the monthly partitions of the range at planning, and walks the (account_id, created_at) index in
/// the newest-first order: a page stops after page size + 1 rows whatever the account's history.
/// </summary>
internal sealed class UsageQueryStore(NpgsqlDataSource db)
{
    private const string Columns =
        """
        request_id, created_at, key_id, channel_id, model, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens,
        audio_input_tokens, audio_output_tokens, calls, cost, charged, price_version, price_snapshot::text, upload_ms, duration_ms,
        client_ip, status
        """;

    public async Task<UsagePage> ListAsync(UsageQuery query, UsageCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        var rows = new List<UsageRow>(pageSize + 1);
        await foreach (var row in ReadAsync(query, after, pageSize + 1, cancellationToken))
        {
            rows.Add(row);
        }
        if (rows.Count <= pageSize)
        {
            return new UsagePage(rows, null);
        }
        rows.RemoveAt(pageSize);
        return new UsagePage(rows, new UsageCursor(rows[^1].CreatedAt, rows[^1].RequestId));
    }

    /// <summary>
    /// Every record of the query, newest first, read row by row from the connection: the enumeration's pace is the
    /// query's pace, and nothing but the current row is held.
    /// </summary>
    public IAsyncEnumerable<UsageRow> ReadAllAsync(UsageQuery query, CancellationToken cancellationToken) =>
        ReadAsync(query, after: null, limit: null, cancellationToken);

    /// <summary>Totals per period that starts in <paramref name="timeZone"/> (an IANA name Postgres knows), optionally per model.</summary>
    public async Task<IReadOnlyList<StatsBucket>> StatsAsync(UsageQuery query, StatsPeriod period, string timeZone, bool byModel,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var buckets = await connection.QueryAsync<StatsBucket>(new CommandDefinition(
            StatsSql(query, period, byModel),
            new
            {
                account = query.AccountId,
                from = query.From.UtcDateTime,
                to = query.To.UtcDateTime,
                model = query.Model,
                key = query.KeyId,
                unit = period.ToString().ToLowerInvariant(),
                zone = timeZone,
            },
            cancellationToken: cancellationToken));
        return buckets.AsList();
    }

    internal static string StatsSql(UsageQuery query, StatsPeriod period, bool byModel)
    {
        var periodStart = period == StatsPeriod.Total ? "@from::timestamptz" : "date_trunc(@unit, created_at, @zone)";
        return $"""
            SELECT {periodStart} AS PeriodStart, {(byModel ? "model" : "NULL::text")} AS Model, count(*) AS Requests,
                sum(prompt_tokens)::bigint AS PromptTokens, sum(completion_tokens)::bigint AS CompletionTokens,
                sum(cached_tokens)::bigint AS CachedTokens, sum(cache_write_tokens)::bigint AS CacheWriteTokens,
                sum(audio_input_tokens)::bigint AS AudioInputTokens, sum(audio_output_tokens)::bigint AS AudioOutputTokens,
                sum(cost)::bigint AS Cost, sum(charged)::bigint AS Charged
            FROM usage_records
            {Where(query, after: null)}
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;
    }

    private async IAsyncEnumerable<UsageRow> ReadAsync(UsageQuery query, UsageCursor? after, int? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM usage_records {Where(query, after)} ORDER BY created_at DESC, request_id DESC");
        if (limit is not null)
        {
            sql.Append(" LIMIT @limit");
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("account", query.AccountId));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("from", NpgsqlDbType.TimestampTz) { TypedValue = query.From.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<DateTime>("to", NpgsqlDbType.TimestampTz) { TypedValue = query.To.UtcDateTime });
        if (query.Model is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("model", query.Model));
        }
        if (query.KeyId is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("key", query.KeyId));
        }
        if (after is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime>("afterAt", NpgsqlDbType.TimestampTz) { TypedValue = cursor.CreatedAt.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<string>("afterId", cursor.RequestId));
        }
        if (limit is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<int>("limit", limit.Value));
        }

        // Sequential access: the row is read off the connection column by column, never buffered whole; async getters,
        // because a column may still be on its way.
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new UsageRow(
                await reader.GetFieldValueAsync<string>(0, cancellationToken),
                new DateTimeOffset(await reader.GetFieldValueAsync<DateTime>(1, cancellationToken)),
                await NullableAsync<string>(reader, 2, cancellationToken),
                await NullableAsync<string>(reader, 3, cancellationToken),
                await reader.GetFieldValueAsync<string>(4, cancellationToken),
                await reader.GetFieldValueAsync<long>(5, cancellationToken),
                await reader.GetFieldValueAsync<long>(6, cancellationToken),
                await reader.GetFieldValueAsync<long>(7, cancellationToken),
                await reader.GetFieldValueAsync<long>(8, cancellationToken),
                await reader.GetFieldValueAsync<long>(9, cancellationToken),
                await reader.GetFieldValueAsync<long>(10, cancellationToken),
                await reader.GetFieldValueAsync<int>(11, cancellationToken),
                await reader.GetFieldValueAsync<long>(12, cancellationToken),
                await reader.GetFieldValueAsync<long>(13, cancellationToken),
                await reader.GetFieldValueAsync<int>(14, cancellationToken),
                await reader.GetFieldValueAsync<string>(15, cancellationToken),
                await reader.GetFieldValueAsync<int?>(16, cancellationToken),
                await reader.GetFieldValueAsync<int?>(17, cancellationToken),
                await NullableAsync<IPAddress>(reader, 18, cancellationToken),
                await reader.GetFieldValueAsync<string>(19, cancellationToken));
        }
    }

    private static string Where(UsageQuery query, UsageCursor? after)
    {
        var where = new StringBuilder("WHERE account_id = @account AND created_at >= @from AND created_at < @to");
        if (query.Model is not null)
        {
            where.Append(" AND model = @model");
        }
        if (query.KeyId is not null)
        {
            where.Append(" AND key_id = @key");
        }
        if (after is not null)
        {
            where.Append(" AND (created_at, request_id) < (@afterAt, @afterId)");
        }
        return where.ToString();
    }

    private static async Task<T?> NullableAsync<T>(NpgsqlDataReader reader, int ordinal, CancellationToken cancellationToken) where T : class =>
        await reader.IsDBNullAsync(ordinal, cancellationToken) ? null : await reader.GetFieldValueAsync<T>(ordinal, cancellationToken);
}
