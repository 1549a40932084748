using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Usage;

/// <summary>Totals of one period (and model, when grouped by model).</summary>
internal sealed record UsageBucketView(
    DateTimeOffset PeriodStart,
    string? Model,
    long Requests,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long CacheWriteTokens,
    long AudioInputTokens,
    long AudioOutputTokens,
    long CostMicroCoins,
    long ChargedMicroCoins)
{
    public static UsageBucketView From(UsageStatsBucket bucket) => new(
        bucket.PeriodStart.ToDateTimeOffset(),
        bucket.Model.Length == 0 ? null : bucket.Model,
        bucket.Requests,
        bucket.PromptTokens,
        bucket.CompletionTokens,
        bucket.CachedTokens,
        bucket.CacheWriteTokens,
        bucket.AudioInputTokens,
        bucket.AudioOutputTokens,
        bucket.CostMicroCoins,
        bucket.ChargedMicroCoins);
}
