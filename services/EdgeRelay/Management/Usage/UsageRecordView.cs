using System.Text.Json;
using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Usage;

/// <summary>One settled call as its user sees it (the upstream channel is operators' information and left out).</summary>
internal sealed record UsageRecordView(
    string RequestId,
    DateTimeOffset CreatedAt,
    string? KeyId,
    string Model,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long CacheWriteTokens,
    long AudioInputTokens,
    long AudioOutputTokens,
    int Calls,
    long CostMicroCoins,
    long ChargedMicroCoins,
    int PriceVersion,
    JsonElement? PriceSnapshot,
    int? UploadMs,
    int? DurationMs,
    double? TokensPerSecond,
    string? ClientIp,
    string Status)
{
    public static UsageRecordView From(UsageRecord record) => new(
        record.RequestId,
        record.CreatedAt.ToDateTimeOffset(),
        Empty(record.KeyId),
        record.Model,
        record.PromptTokens,
        record.CompletionTokens,
        record.CachedTokens,
        record.CacheWriteTokens,
        record.AudioInputTokens,
        record.AudioOutputTokens,
        record.Calls,
        record.CostMicroCoins,
        record.ChargedMicroCoins,
        record.PriceVersion,
        record.PriceSnapshotJson.Length == 0 ? null : JsonSerializer.Deserialize<JsonElement>(record.PriceSnapshotJson),
        record.HasUploadMs ? record.UploadMs : null,
        record.HasDurationMs ? record.DurationMs : null,
        record.HasTokensPerSecond ? record.TokensPerSecond : null,
        Empty(record.ClientIp),
        record.Status);

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
