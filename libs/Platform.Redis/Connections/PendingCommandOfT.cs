using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using Platform.Redis.Protocol;

namespace Platform.Redis.Connections;

/// <summary>
/// A pooled <see cref="PendingCommand"/> that is its caller's <see cref="ValueTask{T}"/>. It has two owners, the
/// connection and the caller; it goes back to the pool when both have let go, so a timed-out caller can never see
/// the late reply of its command, nor another command's.
/// </summary>
internal sealed class PendingCommand<T> : PendingCommand, IValueTaskSource<T>
{
    private const int MaxPooled = 1024;
    private static readonly ConcurrentQueue<PendingCommand<T>> Pool = new();
    private static int _pooled;

    // Continuations run on the thread pool, never inline on the reader loop.
    private ManualResetValueTaskSourceCore<T> _core = new() { RunContinuationsAsynchronously = true };
    private ReplyParser<T> _parser = null!;
    private CancellationTokenRegistration _cancellation;
    private int _owners;

    public ValueTask<T> Task => new(this, _core.Version);

    public static PendingCommand<T> Rent(string command, ReplyParser<T> parser, TimeSpan timeout)
    {
        if (Pool.TryDequeue(out var pending))
        {
            Interlocked.Decrement(ref _pooled);
        }
        else
        {
            pending = new PendingCommand<T>();
        }
        pending.Command = command;
        pending.SetTimeout(timeout);
        pending._parser = parser;
        pending._owners = 2;
        return pending;
    }

    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCommand<T>)state!).TrySetException(new OperationCanceledException(token)), this);
        }
    }

    public override bool TrySetException(Exception exception)
    {
        if (!TryMarkCompleted())
        {
            return false;
        }
        _core.SetException(exception);
        return true;
    }

    public override void ReleaseByConnection() => Release();

    protected override void ParseAndComplete(ref RespReader reader)
    {
        var result = _parser(ref reader);
        if (TryMarkCompleted())
        {
            _core.SetResult(result);
        }
    }

    public T GetResult(short token)
    {
        // Validates the token; only a real read of a completed result gives up the caller's ownership.
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            throw new InvalidOperationException("The Redis command has not completed; await it instead of reading its result.");
        }
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Release()
    {
        if (Interlocked.Decrement(ref _owners) != 0)
        {
            return;
        }
        // Waits for a cancellation callback that is running right now, so none can touch the next use.
        _cancellation.Dispose();
        _cancellation = default;
        _parser = null!;
        Command = "";
        ClearCompleted();
        _core.Reset();
        if (Interlocked.Increment(ref _pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }
}
