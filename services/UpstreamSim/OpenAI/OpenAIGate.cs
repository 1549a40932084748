using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.Http;

namespace Platform.UpstreamSim.OpenAI;

/// <summary>
/// What stands before every OpenAI endpoint, in the real API's order: count the call, check the Bearer key, then
/// apply the request's <c>x-sim</c> directives.
/// </summary>
internal sealed class OpenAIGate(string endpoint, bool streams) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var control = context.RequestServices.GetRequiredService<SimControl>();
        var counters = context.RequestServices.GetRequiredService<RequestCounters>();
        var directives = control.Resolve(context.Request, out var directiveError);
        counters.Request(endpoint, directives?.Tag);
        if (directives?.Tag is { } tag)
        {
            context.RequestAborted.Register(() => counters.Aborted(tag));
        }

        var key = BearerKey.From(context.Request);
        if (string.IsNullOrEmpty(key))
        {
            return OpenAIError.MissingKey();
        }
        if (!control.IsValidKey(key))
        {
            return OpenAIError.InvalidKey(key);
        }
        if (directives is null)
        {
            return OpenAIError.BadRequest(directiveError!);
        }
        SimFeature.Set(context, directives);
        return await PreResponseFaults.ApplyAsync(context, directives, streams, OpenAIError.Injected, counters)
            ?? await next(invocation);
    }
}
