using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Generation;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.Anthropic.Messages;

internal static class MessagesEndpoint
{
    public static async Task<IResult> CreateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return AnthropicError.BadRequest("The request body is not valid JSON.");
        }
        var directives = SimFeature.Get(context);
        var plan = MessagePlanner.Plan(document.RootElement, directives, out var error);
        if (plan is null)
        {
            return error!;
        }
        counters.Model(plan.Model);
        if (document.RootElement.Bool("stream"))
        {
            return new MessageStreamResult(plan, directives);
        }
        if (directives.FailStatus is { } status)
        {
            counters.Fault();
            return AnthropicError.Injected(status, directives);
        }
        return new MessageResult(plan, directives);
    }

    public static async Task<IResult> CountTokensAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return AnthropicError.BadRequest("The request body is not valid JSON.");
        }
        if (MessagePlanner.Validate(document.RootElement, requireMaxTokens: false) is { } error)
        {
            return error;
        }
        if (!await Stall.WaitAsync(SimFeature.Get(context).TimeToFirstToken, cancellationToken))
        {
            return Results.Empty;
        }
        var seed = new ContentSeed();
        var tokens = InputTokenCounter.Count(document.RootElement, ref seed, out _, out _);
        return TypedResults.Json(new CountTokensResponse(tokens));
    }
}
