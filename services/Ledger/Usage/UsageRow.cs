using System.Net;

namespace Platform.Ledger.Usage;

/// <summary>A usage record as read back: what Settle stored, without the written-off share.</summary>
internal sealed record UsageRow(
    string RequestId,
    DateTimeOffset CreatedAt,
    string? KeyId,
    string? ChannelId,
    string Model,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long CacheWriteTokens,
    long AudioInputTokens,
    long AudioOutputTokens,
    int Calls,
    long Cost,
    long Charged,
    int PriceVersion,
    string PriceSnapshotJson,
    int? UploadMs,
    int? DurationMs,
    IPAddress? ClientIp,
    string Status)
{
    /// <summary>Completion tokens per second of the whole call, to two decimals; null without a duration.</summary>
    public double? TokensPerSecond => DurationMs is > 0 ? Math.Round(CompletionTokens * 1000d / DurationMs.Value, 2) : null;
}
