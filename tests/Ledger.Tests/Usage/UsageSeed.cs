using Dapper;
using Npgsql;

namespace Platform.Ledger.Tests.Usage;

/// <summary>Writes usage_records rows directly, at any time: the months they fall in get their partitions first.</summary>
internal static class UsageSeed
{
    public const string Snapshot =
        """{"version": 1, "model": "gpt-4o", "group": "openai", "currency": "usd", "perMillionTokens": {"input": 2.5, "output": 10}, "multiplier": 1.1, "scheduleFactor": 1, "offPeak": false}""";

    public static async Task InsertAsync(NpgsqlDataSource db, Guid account, DateTimeOffset at, string requestId, string model = "gpt-4o",
        string? keyId = "key-1", long promptTokens = 100, long completionTokens = 50, long cost = 1_000, int? durationMs = 1_000,
        string status = "ok")
    {
        await EnsurePartitionsAsync(db, at, at);
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO usage_records (request_id, account_id, key_id, channel_id, model, prompt_tokens, completion_tokens, cached_tokens,
                cache_write_tokens, audio_input_tokens, audio_output_tokens, calls, cost, charged, written_off, price_version, price_snapshot,
                upload_ms, duration_ms, client_ip, status, created_at)
            VALUES (@requestId, @account, @keyId, 'channel-1', @model, @promptTokens, @completionTokens, 10, 5, 0, 0, 0, @cost, @cost, 0, 1,
                @Snapshot::jsonb, 80, @durationMs, '203.0.113.7', @status, @at)
            """,
            new { requestId, account, keyId, model, promptTokens, completionTokens, cost, durationMs, status, Snapshot, at = at.UtcDateTime });
    }

    /// <summary><paramref name="count"/> records one second apart, the newest at <paramref name="newest"/>.</summary>
    public static async Task InsertManyAsync(NpgsqlDataSource db, Guid account, int count, DateTimeOffset newest)
    {
        await EnsurePartitionsAsync(db, newest.AddSeconds(-count), newest);
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO usage_records (request_id, account_id, key_id, channel_id, model, prompt_tokens, completion_tokens, cached_tokens,
                cache_write_tokens, audio_input_tokens, audio_output_tokens, calls, cost, charged, written_off, price_version, price_snapshot,
                upload_ms, duration_ms, client_ip, status, created_at)
            SELECT 'req-' || lpad(i::text, 8, '0'), @account, 'key-' || i % 3, 'channel-1', CASE WHEN i % 2 = 0 THEN 'gpt-4o' ELSE 'claude-3-5-sonnet' END,
                1000 + i % 5000, 200 + i % 700, 0, 0, 0, 0, 0, 1234 + i, 1234 + i, 0, 1, @Snapshot::jsonb, 90, 1500 + i % 3000,
                '198.51.100.20', 'ok', @newest - i * interval '1 second'
            FROM generate_series(0, @count - 1) AS i
            """,
            new { account, count, Snapshot, newest = newest.UtcDateTime }, commandTimeout: 120);
    }

    public static async Task EnsurePartitionsAsync(NpgsqlDataSource db, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await db.OpenConnectionAsync();
        for (var month = new DateTime(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc); month <= to.UtcDateTime; month = month.AddMonths(1))
        {
            await connection.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS usage_records_{month:yyyy_MM} PARTITION OF usage_records FOR VALUES FROM ('{month:yyyy-MM-dd}+00') TO ('{month.AddMonths(1):yyyy-MM-dd}+00')");
        }
    }
}
