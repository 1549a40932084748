namespace Platform.EdgeRelay.Channels;

/// <summary>The wire protocol of a channel's upstream.</summary>
internal enum ChannelKind
{
    /// <summary>OpenAI's API, and the OpenAI-compatible vendors (DeepSeek, Groq, ...): <c>Authorization: Bearer</c>, <c>/v1/...</c>.</summary>
    OpenAi,

    /// <summary>Azure OpenAI: deployments under <c>/openai/deployments/{model}</c>, an <c>api-version</c>, the <c>api-key</c> header.</summary>
    AzureOpenAi,

    /// <summary>The platform's UpstreamSim: OpenAI's API that also obeys the client's <c>x-sim</c> directives.</summary>
    Sim,
}
