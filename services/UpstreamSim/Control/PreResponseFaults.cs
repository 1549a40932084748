using Platform.UpstreamSim.Counters;

namespace Platform.UpstreamSim.Control;

/// <summary>Faults that strike before any byte of the response: stall, cut connection, error status.</summary>
internal static class PreResponseFaults
{
    /// <summary>
    /// The result that replaces the response, or null when the request proceeds. On a streaming endpoint an error
    /// with <c>fail-after</c> is left to the stream, which fails mid-way.
    /// </summary>
    public static async ValueTask<IResult?> ApplyAsync(HttpContext context, SimDirectives directives, bool streams,
        Func<int, SimDirectives, IResult> error, RequestCounters counters)
    {
        if (directives.Hang is { } hang)
        {
            counters.Fault();
            if (!await Stall.WaitAsync(hang, context.RequestAborted))
            {
                return Results.Empty;
            }
        }
        if (directives.Disconnect)
        {
            counters.Fault();
            context.Abort();
            return Results.Empty;
        }
        if (directives.FailStatus is { } status && (directives.FailAfterChunks is null || !streams))
        {
            counters.Fault();
            return error(status, directives);
        }
        return null;
    }
}
