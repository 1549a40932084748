namespace Platform.UpstreamSim.OpenAI.Chat;

/// <summary>A chat answer decided before a byte is written, so streamed and whole answers are identical.</summary>
internal sealed record ChatPlan(string Model, int PromptTokens, string[] Pieces, ToolCallPlan? ToolCall, string FinishReason,
    bool IncludeUsage)
{
    /// <summary>One token per streamed piece: text words and argument fragments.</summary>
    public int CompletionTokens => Pieces.Length + (ToolCall?.Fragments.Length ?? 0);

    public string? Text => ToolCall is null ? string.Concat(Pieces) : null;
}
