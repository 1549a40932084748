namespace Platform.EdgeRelay.Channels;

/// <summary>
/// One attempt's destination, from <see cref="ChannelDirectory.Candidates"/>: the channel, the key to send (the channel's
/// keys in turn), and the model name the upstream knows (<c>model_map</c> applied).
/// </summary>
/// <param name="ChannelId">Report the attempt's outcome to <c>ChannelHealth</c> with it.</param>
/// <param name="ChannelName">The operator's name for the channel, for logs.</param>
/// <param name="Kind">How to call it: OpenAI's API (also <see cref="ChannelKind.Sim"/>) or Azure OpenAI's deployments.</param>
/// <param name="BaseAddress">The base URL as configured, e.g. <c>https://api.openai.com/</c> or <c>https://api.deepseek.com/v1</c>.</param>
/// <param name="ApiVersion">Azure OpenAI's <c>api-version</c>; null for the other kinds.</param>
/// <param name="ApiKey">The upstream key. Never log it: <see cref="ToString"/> leaves it out.</param>
/// <param name="UpstreamModel">The model name to put in the upstream request.</param>
/// <param name="NoNativeStreaming">The upstream cannot stream: ask it for a whole answer and stream that to the client.</param>
internal sealed record ChannelCandidate(
    Guid ChannelId,
    string ChannelName,
    ChannelKind Kind,
    Uri BaseAddress,
    string? ApiVersion,
    string ApiKey,
    string UpstreamModel,
    bool NoNativeStreaming)
{
    /// <summary>The simulator, which also obeys the client's <c>x-sim</c> directives.</summary>
    public bool IsSimulator => Kind == ChannelKind.Sim;

    public override string ToString() => $"channel {ChannelName} ({ChannelId}), {Kind.Name()}, model {UpstreamModel}";
}
