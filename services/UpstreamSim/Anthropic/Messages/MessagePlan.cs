namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>A message decided before a byte is written: optional thinking, text, optional tool use, and its usage.</summary>
internal sealed record MessagePlan(string Model, int InputTokens, string[]? Thinking, string Signature, string[] Text,
    ToolUsePlan? ToolUse, string StopReason)
{
    /// <summary>One token per streamed piece: thinking, text and tool input fragments.</summary>
    public int OutputTokens => (Thinking?.Length ?? 0) + Text.Length + (ToolUse?.Fragments.Length ?? 0);
}
