using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Platform.Redis.Protocol;

namespace Platform.Redis.Connections;

/// <summary>
/// One socket shared by every caller. Callers append their command to the current batch and their
/// <see cref="PendingCommand"/> to the queue in one step under a lock, so the queue is in the order the server
/// sees the commands; a single writer loop sends each batch with one socket write; a single reader loop hands
/// each reply to the command at the head of the queue. Once closed it stays closed: the owner makes a new one.
/// </summary>
internal sealed class PhysicalConnection
{
    private readonly Lock _sync = new();
    private readonly RedisOptions _options;
    private readonly Socket _socket;
    private readonly PipeReader _reader;
    private readonly Queue<PendingCommand> _pending = new();
    private readonly WriterWakeup _wakeup = new();
    private readonly Timer _timeouts;
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CommandBuffer _batch = new();
    private CommandBuffer _sending = new();
    private bool _writerWaiting;
    private volatile bool _isClosed;
    private long _timerDue = long.MaxValue;

    private PhysicalConnection(RedisOptions options, Socket socket, PipeReader reader)
    {
        _options = options;
        _socket = socket;
        _reader = reader;
        _timeouts = new Timer(static state => ((PhysicalConnection)state!).ExpireTimedOut(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public bool IsOpen => !_isClosed;

    /// <summary>Completes with the reason once the connection is closed.</summary>
    public Task<Exception> Closed => _closed.Task;

    public static async Task<PhysicalConnection> ConnectAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        var (socket, reader) = await Handshake.ConnectAsync(options, cancellationToken);
        var connection = new PhysicalConnection(options, socket, reader);
        _ = connection.WriteLoopAsync();
        _ = connection.ReadLoopAsync();
        return connection;
    }

    /// <summary>Adds the command to the next batch and to the reply queue; false when the connection is closed.</summary>
    /// <exception cref="ArgumentNullException">An argument is null (nothing was queued).</exception>
    public bool TryEnqueue(PendingCommand command, ReadOnlySpan<RedisArgument> arguments)
    {
        lock (_sync)
        {
            if (_isClosed)
            {
                return false;
            }
            _batch.Write(arguments);
            _pending.Enqueue(command);
            if (command.Deadline < _timerDue)
            {
                _timerDue = command.Deadline;
                _timeouts.Change(Math.Max(1, command.Deadline - Environment.TickCount64), Timeout.Infinite);
            }
            if (_writerWaiting)
            {
                _writerWaiting = false;
                _wakeup.Set();
            }
            return true;
        }
    }

    /// <summary>Closes the socket and fails every command still waiting for a reply; the first reason wins.</summary>
    public void Close(Exception reason)
    {
        PendingCommand[] orphans;
        lock (_sync)
        {
            if (_isClosed)
            {
                return;
            }
            _isClosed = true;
            orphans = _pending.ToArray();
            _pending.Clear();
            if (_writerWaiting)
            {
                _writerWaiting = false;
                _wakeup.Set();
            }
        }
        _timeouts.Dispose();
        _socket.Dispose();
        foreach (var command in orphans)
        {
            command.TrySetException(new RedisConnectionException(
                $"Lost the connection to Redis at {_options.EndPoint} before {command.Command} got its reply ({reason.Message}); " +
                "the command may or may not have run. The client reconnects in the background.", reason));
            command.ReleaseByConnection();
        }
        _closed.TrySetResult(reason);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                CommandBuffer? batch = null;
                lock (_sync)
                {
                    if (_isClosed)
                    {
                        return;
                    }
                    if (_batch.Length == 0)
                    {
                        _wakeup.Reset();
                        _writerWaiting = true;
                    }
                    else
                    {
                        // Callers fill the other buffer while this one is on the wire.
                        (batch, _batch, _sending) = (_batch, _sending, _batch);
                    }
                }
                if (batch is null)
                {
                    await _wakeup.WaitAsync();
                    continue;
                }
                for (var unsent = batch.Written; !unsent.IsEmpty;)
                {
                    unsent = unsent[await _socket.SendAsync(unsent, SocketFlags.None)..];
                }
                batch.Reset();
            }
        }
        catch (Exception ex)
        {
            Close(ex);
        }
        finally
        {
            // Only this loop touches the buffer being sent; the other is no longer written once closed.
            lock (_sync)
            {
                _batch.Dispose();
            }
            _sending.Dispose();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception reason;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync();
                var buffer = result.Buffer;
                while (RespScanner.TryReadFrame(ref buffer, out var frame))
                {
                    Dispatch(frame);
                }
                if (result.IsCompleted)
                {
                    reason = new RedisConnectionException($"Redis at {_options.EndPoint} closed the connection");
                    break;
                }
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex)
        {
            reason = ex;
        }
        await _reader.CompleteAsync();
        Close(reason);
    }

    private void Dispatch(in ReadOnlySequence<byte> frame)
    {
        PendingCommand? command;
        lock (_sync)
        {
            _pending.TryDequeue(out command);
        }
        if (command is null)
        {
            throw new RedisException($"Redis at {_options.EndPoint} sent a reply no command was waiting for; the connection is out of step and is reset.");
        }
        try
        {
            if (frame.IsSingleSegment)
            {
                command.SetReply(frame.FirstSpan);
            }
            else
            {
                // Rare: the reply straddles two read buffers.
                var length = (int)frame.Length;
                var copy = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    frame.CopyTo(copy);
                    command.SetReply(copy.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
            }
        }
        finally
        {
            command.ReleaseByConnection();
        }
    }

    /// <summary>
    /// Fails the commands whose deadline passed. They stay queued: their replies are still on the way and must be
    /// read and dropped in turn. The timer is re-armed for the earliest remaining deadline.
    /// </summary>
    private void ExpireTimedOut()
    {
        lock (_sync)
        {
            if (_isClosed)
            {
                return;
            }
            var now = Environment.TickCount64;
            var next = long.MaxValue;
            foreach (var command in _pending)
            {
                if (command.IsCompleted)
                {
                    continue;
                }
                if (command.Deadline <= now)
                {
                    command.TrySetException(new RedisTimeoutException(
                        $"{command.Command} got no reply from Redis at {_options.EndPoint} within {command.Timeout.TotalMilliseconds:F0} ms; " +
                        "its reply will be discarded when it arrives."));
                }
                else if (command.Deadline < next)
                {
                    next = command.Deadline;
                }
            }
            _timerDue = next;
            if (next != long.MaxValue)
            {
                _timeouts.Change(Math.Max(1, next - now), Timeout.Infinite);
            }
        }
    }
}
