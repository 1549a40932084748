using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Platform.UpstreamSim.Control;
using Platform.UpstreamSim.Generation;

namespace Platform.UpstreamSim.Sse;

/// <summary>
/// One server-sent event stream. Each event is serialised straight into the response pipe and flushed as soon as it
/// is complete; one JSON writer is reused for every event. Injected faults fire between events.
/// </summary>
internal sealed class SseStream : IDisposable
{
    private static readonly TimeSpan DisconnectGrace = TimeSpan.FromMilliseconds(50);

    private readonly HttpContext _context;
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly SimDirectives _directives;
    private readonly StreamFailure _failure;
    private readonly StreamPacer _pacer;

    private SseStream(HttpContext context, SimDirectives directives, StreamFailure failure)
    {
        _context = context;
        _pipe = context.Response.BodyWriter;
        _json = new Utf8JsonWriter(_pipe, SimJson.WriterOptions);
        _directives = directives;
        _failure = failure;
        _pacer = new StreamPacer(directives, context.RequestAborted);
    }

    /// <summary>Events written so far.</summary>
    public int Written { get; private set; }

    public static SseStream Start(HttpContext context, SimDirectives directives, StreamFailure failure)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return new SseStream(context, directives, failure);
    }

    /// <summary>
    /// Waits for the next event's turn and applies the faults due before it. False when the stream ends here: the
    /// client left, the connection was cut, or an error event was written.
    /// </summary>
    public async ValueTask<bool> NextAsync(bool carriesToken)
    {
        var paced = Written == 0 ? await _pacer.FirstTokenAsync() : !carriesToken || await _pacer.NextTokenAsync();
        if (!paced || _context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
        if (_directives.DisconnectAfterChunks == Written)
        {
            // Kestrel resets the connection, and a reset makes the peer's kernel drop bytes it has not read yet; a
            // moment's grace lets the client read the events before the cut, as it would from a real dying upstream.
            await Stall.WaitAsync(DisconnectGrace, _context.RequestAborted);
            _context.Abort();
            return false;
        }
        if (_directives.HangAfterChunks == Written)
        {
            await Stall.WaitAsync(Timeout.InfiniteTimeSpan, _context.RequestAborted);
            return false;
        }
        if (_directives.FailAfterChunks == Written && _directives.FailStatus is { } status)
        {
            _failure.WriteBody(Begin(_failure.EventName), status);
            await EndAsync();
            return false;
        }
        return true;
    }

    /// <summary>Starts an event; write its data with the returned writer, then call <see cref="EndAsync"/>.</summary>
    public Utf8JsonWriter Begin(ReadOnlySpan<byte> eventName)
    {
        if (!eventName.IsEmpty)
        {
            _pipe.Write("event: "u8);
            _pipe.Write(eventName);
            _pipe.Write("\n"u8);
        }
        _pipe.Write("data: "u8);
        _json.Reset(_pipe);
        return _json;
    }

    public async ValueTask EndAsync()
    {
        _json.Flush();
        _pipe.Write("\n\n"u8);
        Written++;
        await _pipe.FlushAsync(_context.RequestAborted);
    }

    /// <summary>OpenAI's end-of-stream sentinel.</summary>
    public async ValueTask WriteDoneAsync()
    {
        _pipe.Write("data: [DONE]\n\n"u8);
        await _pipe.FlushAsync(_context.RequestAborted);
    }

    public void Dispose() => _json.Dispose();
}
