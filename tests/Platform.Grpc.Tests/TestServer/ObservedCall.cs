namespace Platform.Grpc.Tests.TestServer;

/// <summary>One call_id as the server saw it.</summary>
public sealed class ObservedCall
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Completes when the handler's CancellationToken fired.</summary>
    public TaskCompletionSource HandlerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Metadata? RequestHeaders { get; set; }

    public DateTime Deadline { get; set; }

    public string? Peer { get; set; }

    public int NextAttempt() => Interlocked.Increment(ref _attempts);
}
