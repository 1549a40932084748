using Platform.Redis.Protocol;

namespace Platform.Redis.Connections;

/// <summary>
/// A command waiting for its reply in a connection's queue. Whoever comes first completes it: the reply, the
/// timeout sweep, the caller's cancellation or the loss of the connection; the others find it completed. The reply
/// of a command completed early is still read and discarded, which keeps replies matched to commands.
/// </summary>
internal abstract class PendingCommand
{
    private int _completed;

    /// <summary>The command name, for messages.</summary>
    public string Command { get; protected set; } = "";

    /// <summary>How long the caller waits for the reply.</summary>
    public TimeSpan Timeout { get; private set; }

    /// <summary>When the caller stops waiting, in <see cref="Environment.TickCount64"/> milliseconds; <see cref="long.MaxValue"/> for never.</summary>
    public long Deadline { get; private set; }

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Called by the reader loop with this command's reply.</summary>
    public void SetReply(ReadOnlySpan<byte> frame)
    {
        if (IsCompleted)
        {
            return;
        }
        var reader = new RespReader(frame);
        if (reader.PeekType() == (byte)'-')
        {
            TrySetException(new RedisServerException(Command, reader.ReadError()));
            return;
        }
        try
        {
            ParseAndComplete(ref reader);
        }
        catch (Exception ex)
        {
            // The frame was whole, so a reply of an unexpected shape fails this command only.
            TrySetException(ex);
        }
    }

    public abstract bool TrySetException(Exception exception);

    /// <summary>The connection no longer refers to the command (its reply was read, or the connection is gone).</summary>
    public abstract void ReleaseByConnection();

    protected abstract void ParseAndComplete(ref RespReader reader);

    protected void SetTimeout(TimeSpan timeout)
    {
        Timeout = timeout;
        Deadline = timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
    }

    protected bool TryMarkCompleted() => Interlocked.Exchange(ref _completed, 1) == 0;

    protected void ClearCompleted() => Volatile.Write(ref _completed, 0);
}
