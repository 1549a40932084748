using System.Text.Json;
using Dapper;
using Npgsql;
using Platform.Pricing;

namespace Platform.Ledger.Holds;

/// <summary>Stores the usage records of newly settled calls, any number of them in one statement.</summary>
internal static class UsageRecordWriter
{
    public static Task InsertAsync(NpgsqlTransaction transaction, IReadOnlyList<SettledUsage> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }
        // Calls of one model in one batch share a snapshot: each distinct one is serialised, sent and parsed once, and
        // the records name theirs by position.
        var snapshots = new List<PriceSnapshot>();
        var positions = new Dictionary<PriceSnapshot, int>();
        var snapshotOrds = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            if (!positions.TryGetValue(records[i].Snapshot, out snapshotOrds[i]))
            {
                snapshots.Add(records[i].Snapshot);
                snapshotOrds[i] = positions[records[i].Snapshot] = snapshots.Count;
            }
        }

        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            WITH snapshot AS (SELECT s.ord, s.json::jsonb AS json FROM unnest(@snapshots) WITH ORDINALITY AS s (json, ord))
            INSERT INTO usage_records (request_id, account_id, key_id, channel_id, model, prompt_tokens, completion_tokens, cached_tokens,
                cache_write_tokens, audio_input_tokens, audio_output_tokens, calls, cost, charged, written_off, price_version, price_snapshot,
                upload_ms, duration_ms, client_ip, status)
            SELECT r.request_id, r.account_id, r.key_id, r.channel_id, r.model, r.prompt_tokens, r.completion_tokens, r.cached_tokens,
                r.cache_write_tokens, r.audio_input_tokens, r.audio_output_tokens, r.calls, r.cost, r.charged, r.written_off, r.price_version,
                snapshot.json, r.upload_ms, r.duration_ms, r.client_ip::inet, r.status
            FROM unnest(@requestIds, @accountIds, @keyIds, @channelIds, @models, @promptTokens, @completionTokens, @cachedTokens,
                @cacheWriteTokens, @audioInputTokens, @audioOutputTokens, @calls, @costs, @charged, @writtenOff, @priceVersions, @snapshotOrds,
                @uploadMs, @durationMs, @clientIps, @statuses)
                AS r (request_id, account_id, key_id, channel_id, model, prompt_tokens, completion_tokens, cached_tokens,
                cache_write_tokens, audio_input_tokens, audio_output_tokens, calls, cost, charged, written_off, price_version, snapshot_ord,
                upload_ms, duration_ms, client_ip, status)
            JOIN snapshot ON snapshot.ord = r.snapshot_ord
            """,
            new
            {
                requestIds = records.Select(r => r.Call.RequestId).ToArray(),
                accountIds = records.Select(r => r.AccountId).ToArray(),
                keyIds = records.Select(r => r.Call.KeyId).ToArray(),
                channelIds = records.Select(r => r.Call.ChannelId).ToArray(),
                models = records.Select(r => r.Call.Usage.Model).ToArray(),
                promptTokens = records.Select(r => r.Call.Usage.PromptTokens).ToArray(),
                completionTokens = records.Select(r => r.Call.Usage.CompletionTokens).ToArray(),
                cachedTokens = records.Select(r => r.Call.Usage.CachedTokens).ToArray(),
                cacheWriteTokens = records.Select(r => r.Call.Usage.CacheWriteTokens).ToArray(),
                audioInputTokens = records.Select(r => r.Call.Usage.AudioInputTokens).ToArray(),
                audioOutputTokens = records.Select(r => r.Call.Usage.AudioOutputTokens).ToArray(),
                calls = records.Select(r => r.Call.Usage.Calls).ToArray(),
                costs = records.Select(r => r.Outcome.Cost).ToArray(),
                charged = records.Select(r => r.Outcome.Charged).ToArray(),
                writtenOff = records.Select(r => r.Outcome.WrittenOff).ToArray(),
                priceVersions = records.Select(r => r.Outcome.PriceVersion).ToArray(),
                snapshots = snapshots.Select(snapshot => JsonSerializer.Serialize(snapshot, CatalogJson.Options)).ToArray(),
                snapshotOrds,
                uploadMs = records.Select(r => r.Call.UploadMs).ToArray(),
                durationMs = records.Select(r => r.Call.DurationMs).ToArray(),
                clientIps = records.Select(r => r.Call.ClientIp?.ToString()).ToArray(),
                statuses = records.Select(r => r.Call.Status).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }
}
