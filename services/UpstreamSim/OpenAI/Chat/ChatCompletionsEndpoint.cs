using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI.Chat;

internal static class ChatCompletionsEndpoint
{
    public static async Task<IResult> CreateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return OpenAIError.InvalidJson();
        }
        var directives = SimFeature.Get(context);
        var request = document.RootElement;
        var plan = ChatPlanner.Plan(request, directives, out var error);
        if (plan is null)
        {
            return error!;
        }
        counters.Model(plan.Model);
        if (request.Bool("stream"))
        {
            return new ChatStreamResult(plan, directives);
        }
        if (directives.FailStatus is { } status)
        {
            counters.Fault();
            return OpenAIError.Injected(status, directives);
        }
        return new ChatCompletionResult(plan, directives);
    }
}
