namespace Platform.Ledger.Usage;

/// <summary>Totals of one period (and model, when split by model). <paramref name="PeriodStart"/> is UTC.</summary>
internal sealed record StatsBucket(
    DateTime PeriodStart,
    string? Model,
    long Requests,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long CacheWriteTokens,
    long AudioInputTokens,
    long AudioOutputTokens,
    long Cost,
    long Charged);
