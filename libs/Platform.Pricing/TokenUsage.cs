namespace Platform.Pricing;

/// <summary>
/// What a call consumed. PromptTokens includes cached, cache-write and audio input tokens; CompletionTokens includes
/// audio output tokens (see ledger.proto).
/// </summary>
public sealed record TokenUsage(
    string Model,
    long PromptTokens = 0,
    long CompletionTokens = 0,
    long CachedTokens = 0,
    long CacheWriteTokens = 0,
    long AudioInputTokens = 0,
    long AudioOutputTokens = 0,
    int Calls = 0);
