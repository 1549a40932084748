using System.Threading.Tasks.Sources;

namespace Platform.Redis.Connections;

/// <summary>
/// Wakes the writer loop when the first command of a new batch arrives; reusable, so waking allocates nothing.
/// Reset and Set are called under the connection's lock.
/// </summary>
internal sealed class WriterWakeup : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    public void Reset() => _core.Reset();

    public void Set() => _core.SetResult(true);

    public ValueTask WaitAsync() => new(this, _core.Version);

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
