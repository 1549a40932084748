namespace Platform.EdgeRelay.Relay.Requests;

/// <summary>The OpenAI endpoints the relay forwards, with the upstream path each one has.</summary>
internal enum RelayEndpoint
{
    ChatCompletions,
    Completions,
    Embeddings,
}
