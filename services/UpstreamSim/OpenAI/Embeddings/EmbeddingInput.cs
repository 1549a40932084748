namespace Platform.UpstreamSim.OpenAI.Embeddings;

/// <summary>One input to embed: its text (or token ids as text) and its token count.</summary>
internal readonly record struct EmbeddingInput(string Text, int Tokens);
