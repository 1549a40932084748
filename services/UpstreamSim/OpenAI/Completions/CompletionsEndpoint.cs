using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI.Completions;

internal static class CompletionsEndpoint
{
    public static async Task<IResult> CreateAsync(HttpContext context, RequestCounters counters)
    {
        using var document = await RequestJson.ReadAsync(context);
        if (document is null)
        {
            return OpenAIError.InvalidJson();
        }
        var directives = SimFeature.Get(context);
        var plan = CompletionPlanner.Plan(document.RootElement, directives, out var error);
        if (plan is null)
        {
            return error!;
        }
        counters.Model(plan.Model);
        if (document.RootElement.Bool("stream"))
        {
            return new CompletionStreamResult(plan, directives);
        }
        if (directives.FailStatus is { } status)
        {
            counters.Fault();
            return OpenAIError.Injected(status, directives);
        }
        return new CompletionResult(plan, directives);
    }
}
