namespace Platform.UpstreamSim.Generation;

/// <summary>
/// The simulator's tokenizer stand-in: one token per 4 characters of text (rounded up), plus a fixed overhead per
/// chat message. Deterministic and cheap; real tokenizers differ, the relay only needs consistent numbers.
/// </summary>
internal static class TokenEstimator
{
    public const int PerMessage = 4;
    public const int PerConversation = 3;

    /// <summary>What an image part costs (OpenAI's low-detail price).</summary>
    public const int PerImage = 85;

    public static int Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;
}
