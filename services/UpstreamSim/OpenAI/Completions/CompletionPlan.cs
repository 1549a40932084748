namespace Platform.UpstreamSim.OpenAI.Completions;

/// <summary>A legacy text completion: the middle between <c>prompt</c> and <c>suffix</c> when a suffix is given.</summary>
internal sealed record CompletionPlan(string Model, string? Echo, int PromptTokens, string[] Pieces, string FinishReason,
    bool IncludeUsage)
{
    public int CompletionTokens => Pieces.Length;
}
