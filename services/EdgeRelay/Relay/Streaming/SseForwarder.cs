using System.Buffers;
using System.IO.Pipelines;
using Platform.EdgeRelay.Relay.Billing;

namespace Platform.EdgeRelay.Relay.Streaming;

/// <summary>
/// Copies an upstream's server-sent events to the client event by event, flushing after every read, so the first
/// token reaches the client as soon as it left the upstream. Only events that may carry usage are parsed (a byte search
/// finds them); the usage chunk is dropped when the client did not ask for it, because clients that index
/// <c>choices[0]</c> would fail on its empty array. A silent upstream gets the client a keep-alive comment every
/// interval, and is cut after the idle timeout.
/// </summary>
internal static class SseForwarder
{
    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public static async Task<StreamOutcome> ForwardAsync(Stream upstream, HttpResponse response, bool clientWantsUsage, StreamTimeouts timeouts,
        CancellationToken clientGone)
    {
        var reader = PipeReader.Create(upstream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var writer = response.BodyWriter;
        ReportedUsage? usage = null;
        long contentEvents = 0;
        var silentSince = TimeProvider.System.GetTimestamp();
        // One timer per stream: each firing wakes the pending read, which then sends a keep-alive or gives up.
        await using var keepAlive = new Timer(_ => reader.CancelPendingRead(), null, timeouts.KeepAlive, timeouts.KeepAlive);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(clientGone);
                if (result.IsCanceled)
                {
                    if (TimeProvider.System.GetElapsedTime(silentSince) >= timeouts.Idle)
                    {
                        return new StreamOutcome(usage, contentEvents, StreamEnd.UpstreamFailed);
                    }
                    writer.Write(KeepAliveComment);
                    await writer.FlushAsync(clientGone);
                    continue;
                }

                var buffer = result.Buffer;
                var done = false;
                while (!done && TryReadEvent(ref buffer, out var sseEvent))
                {
                    var (forward, eventUsage, isContent, isDone) = Inspect(sseEvent, clientWantsUsage);
                    usage = eventUsage ?? usage;
                    contentEvents += isContent ? 1 : 0;
                    done = isDone;
                    if (forward)
                    {
                        foreach (var segment in sseEvent)
                        {
                            writer.Write(segment.Span);
                        }
                    }
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (writer.UnflushedBytes > 0)
                {
                    silentSince = TimeProvider.System.GetTimestamp();
                    keepAlive.Change(timeouts.KeepAlive, timeouts.KeepAlive);
                    await writer.FlushAsync(clientGone);
                }
                if (done || result.IsCompleted)
                {
                    return new StreamOutcome(usage, contentEvents, StreamEnd.Completed);
                }
            }
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            return new StreamOutcome(usage, contentEvents, StreamEnd.ClientGone);
        }
        catch (IOException) when (clientGone.IsCancellationRequested)
        {
            return new StreamOutcome(usage, contentEvents, StreamEnd.ClientGone);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return new StreamOutcome(usage, contentEvents, StreamEnd.UpstreamFailed);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Takes one whole event (up to and including the blank line that ends it) off the front of the buffer.</summary>
    internal static bool TryReadEvent(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> sseEvent)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (line.IsEmpty || (line.Length == 1 && line.FirstSpan[0] == (byte)'\r'))
            {
                var end = reader.Position;
                sseEvent = buffer.Slice(0, end);
                buffer = buffer.Slice(end);
                if (sseEvent.Length > line.Length + 1)
                {
                    return true;
                }
                // A stray blank line between events: drop it and look for the next event.
                reader = new SequenceReader<byte>(buffer);
            }
        }
        sseEvent = default;
        return false;
    }

    /// <summary>What to do with one event: whether to forward it, its usage, whether it is content, whether it is [DONE].</summary>
    internal static (bool Forward, ReportedUsage? Usage, bool IsContent, bool IsDone) Inspect(ReadOnlySequence<byte> sseEvent, bool clientWantsUsage)
    {
        var data = DataOf(sseEvent);
        if (data.IsEmpty)
        {
            return (true, null, false, false); // comments and other fields pass through
        }
        if (data.Length == 6 && Contains(data, "[DONE]"u8))
        {
            return (true, null, false, true);
        }
        if (!Contains(data, "\"usage\""u8))
        {
            return (true, null, true, false);
        }
        var (usage, choicesEmpty) = UsageReader.Read(data);
        var usageOnly = usage is not null && choicesEmpty;
        return (!usageOnly || clientWantsUsage, usage, !usageOnly, false);
    }

    private static ReadOnlySequence<byte> DataOf(ReadOnlySequence<byte> sseEvent)
    {
        var reader = new SequenceReader<byte>(sseEvent);
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            var lineReader = new SequenceReader<byte>(line);
            if (lineReader.IsNext("data:"u8, advancePast: true))
            {
                lineReader.IsNext((byte)' ', advancePast: true);
                var rest = line.Slice(lineReader.Position);
                return rest.Length > 0 && rest.Slice(rest.Length - 1).FirstSpan[0] == (byte)'\r' ? rest.Slice(0, rest.Length - 1) : rest;
            }
        }
        return default;
    }

    // Events are a few hundred bytes, nearly always in one segment; the copy is for the rare event split across two.
    private static bool Contains(ReadOnlySequence<byte> data, ReadOnlySpan<byte> value) =>
        data.IsSingleSegment ? data.FirstSpan.IndexOf(value) >= 0 : data.ToArray().AsSpan().IndexOf(value) >= 0;
}
