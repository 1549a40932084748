using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Counters;

namespace Platform.UpstreamSim.Anthropic;

/// <summary>
/// What stands before every Anthropic endpoint: count the call, require <c>x-api-key</c> (a valid one) and
/// <c>anthropic-version</c> as the real API does, then apply the request's <c>x-sim</c> directives.
/// </summary>
internal sealed class AnthropicGate(string endpoint, bool streams) : IEndpointFilter
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

        var key = context.Request.Headers["x-api-key"].ToString();
        if (key.Length == 0)
        {
            return AnthropicError.MissingKey();
        }
        if (!control.IsValidKey(key))
        {
            return AnthropicError.InvalidKey();
        }
        if (context.Request.Headers["anthropic-version"].ToString().Length == 0)
        {
            return AnthropicError.MissingVersion();
        }
        if (directives is null)
        {
            return AnthropicError.BadRequest(directiveError!);
        }
        SimFeature.Set(context, directives);
        return await PreResponseFaults.ApplyAsync(context, directives, streams, AnthropicError.Injected, counters)
            ?? await next(invocation);
    }
}
