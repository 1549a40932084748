namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>The body of <c>POST /v1/messages/count_tokens</c>: <c>{"input_tokens": n}</c>.</summary>
internal sealed record CountTokensResponse(int InputTokens);
