using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Pricing;

namespace Platform.Ledger.Usage;

/// <summary>
/// Writes usage rows as they arrive into a CSV (RFC 4180: header row, CRLF, fields quoted when they hold a comma, quote
/// or line break) or a JSON array, flushing every 32 KiB: memory stays one row plus one flush whatever the row count.
/// Both formats have the same columns; the channel is operators' information and is left out.
/// </summary>
internal static class UsageExportWriter
{
    private const int FlushThreshold = 32 * 1024;

    private static readonly string[] Columns =
    [
        "created_at", "request_id", "key_id", "model", "prompt_tokens", "completion_tokens", "cached_tokens", "cache_write_tokens",
        "audio_input_tokens", "audio_output_tokens", "calls", "cost_coins", "charged_coins", "upload_ms", "duration_s",
        "tokens_per_second", "client_ip", "status", "price_version", "price_snapshot",
    ];

    /// <returns>The number of rows written.</returns>
    public static Task<long> WriteAsync(IAsyncEnumerable<UsageRow> rows, ExportFormat format, PipeWriter output, CancellationToken cancellationToken) =>
        format switch
        {
            ExportFormat.Csv => WriteCsvAsync(rows, output, cancellationToken),
            ExportFormat.Json => WriteJsonAsync(rows, output, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format"),
        };

    private static async Task<long> WriteCsvAsync(IAsyncEnumerable<UsageRow> rows, PipeWriter output, CancellationToken cancellationToken)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        var line = new StringBuilder(1024);
        var unflushed = 0L;
        line.AppendJoin(',', Columns).Append("\r\n");
        unflushed += Encode(encoder, line, output);

        var count = 0L;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            AppendCsv(line, row);
            unflushed += Encode(encoder, line, output);
            count++;
            if (unflushed >= FlushThreshold)
            {
                await output.FlushAsync(cancellationToken);
                unflushed = 0;
            }
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static void AppendCsv(StringBuilder line, UsageRow row)
    {
        var invariant = CultureInfo.InvariantCulture;
        line.Append(invariant, $"{row.CreatedAt.UtcDateTime:O},");
        AppendField(line, row.RequestId).Append(',');
        AppendField(line, row.KeyId).Append(',');
        AppendField(line, row.Model).Append(',');
        line.Append(invariant, $"{row.PromptTokens},{row.CompletionTokens},{row.CachedTokens},{row.CacheWriteTokens},");
        line.Append(invariant, $"{row.AudioInputTokens},{row.AudioOutputTokens},{row.Calls},");
        line.Append(invariant, $"{Coins.ToCoins(row.Cost)},{Coins.ToCoins(row.Charged)},{row.UploadMs},{DurationSeconds(row)},");
        line.Append(invariant, $"{row.TokensPerSecond},{row.ClientIp},");
        AppendField(line, row.Status).Append(',');
        line.Append(invariant, $"{row.PriceVersion},");
        AppendField(line, row.PriceSnapshotJson).Append("\r\n");
    }

    private static StringBuilder AppendField(StringBuilder line, string? value)
    {
        if (value is null || value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return line.Append(value);
        }
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static long Encode(Encoder encoder, StringBuilder line, PipeWriter output)
    {
        var bytes = 0L;
        foreach (var chunk in line.GetChunks())
        {
            encoder.Convert(chunk.Span, output, flush: false, out var used, out _);
            bytes += used;
        }
        return bytes;
    }

    private static async Task<long> WriteJsonAsync(IAsyncEnumerable<UsageRow> rows, PipeWriter output, CancellationToken cancellationToken)
    {
        // The file is a download, never embedded in HTML: no need to escape '+', '<' or non-ASCII.
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartArray();
        var count = 0L;
        var flushed = 0L;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteJson(json, row);
            count++;
            // The writer hands full buffers to the pipe by itself; the pipe keeps them until flushed.
            if (json.BytesCommitted + json.BytesPending - flushed >= FlushThreshold)
            {
                json.Flush();
                await output.FlushAsync(cancellationToken);
                flushed = json.BytesCommitted;
            }
        }
        json.WriteEndArray();
        json.Flush();
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteJson(Utf8JsonWriter json, UsageRow row)
    {
        json.WriteStartObject();
        json.WriteString(Columns[0], row.CreatedAt.UtcDateTime);
        json.WriteString(Columns[1], row.RequestId);
        json.WriteString(Columns[2], row.KeyId);
        json.WriteString(Columns[3], row.Model);
        json.WriteNumber(Columns[4], row.PromptTokens);
        json.WriteNumber(Columns[5], row.CompletionTokens);
        json.WriteNumber(Columns[6], row.CachedTokens);
        json.WriteNumber(Columns[7], row.CacheWriteTokens);
        json.WriteNumber(Columns[8], row.AudioInputTokens);
        json.WriteNumber(Columns[9], row.AudioOutputTokens);
        json.WriteNumber(Columns[10], row.Calls);
        json.WriteNumber(Columns[11], Coins.ToCoins(row.Cost));
        json.WriteNumber(Columns[12], Coins.ToCoins(row.Charged));
        WriteNullable(json, Columns[13], row.UploadMs);
        WriteNullable(json, Columns[14], DurationSeconds(row));
        WriteNullable(json, Columns[15], row.TokensPerSecond);
        json.WriteString(Columns[16], row.ClientIp?.ToString());
        json.WriteString(Columns[17], row.Status);
        json.WriteNumber(Columns[18], row.PriceVersion);
        json.WritePropertyName(Columns[19]);
        json.WriteRawValue(row.PriceSnapshotJson, skipInputValidation: true);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>The reference's "TPS" column: the call's duration in seconds.</summary>
    private static decimal? DurationSeconds(UsageRow row) => row.DurationMs / 1000m;
}
