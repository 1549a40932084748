namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>Token counts as an OpenAI-compatible upstream reports them (prompt includes cached and audio input).</summary>
internal readonly record struct ReportedUsage(long PromptTokens, long CompletionTokens, long CachedTokens, long AudioInputTokens, long AudioOutputTokens);
