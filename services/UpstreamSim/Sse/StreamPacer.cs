using System.Diagnostics;
using Platform.UpstreamSim.Control;

namespace Platform.UpstreamSim.Sse;

/// <summary>
/// Paces tokens against a schedule (first token at ttft, then one per 1/tps) rather than sleeping per token, so a
/// high tps is met on average even though a timer cannot wait less than about a millisecond.
/// </summary>
internal sealed class StreamPacer(SimDirectives directives, CancellationToken cancellationToken)
{
    private long _start;
    private int _tokens;

    /// <summary>False when the client left during the wait.</summary>
    public async ValueTask<bool> FirstTokenAsync()
    {
        if (directives.TimeToFirstToken > TimeSpan.Zero && !await Stall.WaitAsync(directives.TimeToFirstToken, cancellationToken))
        {
            return false;
        }
        _start = Stopwatch.GetTimestamp();
        return true;
    }

    public ValueTask<bool> NextTokenAsync()
    {
        if (directives.TokensPerSecond <= 0)
        {
            return ValueTask.FromResult(true);
        }
        var due = TimeSpan.FromSeconds(++_tokens / directives.TokensPerSecond);
        var wait = due - Stopwatch.GetElapsedTime(_start);
        return wait >= TimeSpan.FromMilliseconds(1) ? Stall.WaitAsync(wait, cancellationToken) : ValueTask.FromResult(true);
    }

    /// <summary>The whole generation time of a non-streaming answer of <paramref name="tokens"/> tokens.</summary>
    public static TimeSpan Total(SimDirectives directives, int tokens) =>
        directives.TimeToFirstToken
        + (directives.TokensPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, tokens - 1) / directives.TokensPerSecond) : TimeSpan.Zero);
}
