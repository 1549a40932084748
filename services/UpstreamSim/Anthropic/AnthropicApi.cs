using Platform.UpstreamSim.Anthropic.Messages;

namespace Platform.UpstreamSim.Anthropic;

/// <summary>Anthropic's Messages API as the official SDKs call it.</summary>
internal static class AnthropicApi
{
    public static IEndpointRouteBuilder MapAnthropicApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").WithTags("Anthropic");
        v1.MapPost("/messages", MessagesEndpoint.CreateAsync)
            .WithName("CreateMessage").AddEndpointFilter(new AnthropicGate("anthropic.messages", streams: true));
        v1.MapPost("/messages/count_tokens", MessagesEndpoint.CountTokensAsync)
            .WithName("CountMessageTokens").AddEndpointFilter(new AnthropicGate("anthropic.messages.count_tokens", streams: false));
        return endpoints;
    }
}
