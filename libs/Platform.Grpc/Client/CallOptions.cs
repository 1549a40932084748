namespace Platform.Grpc.Client;

/// <summary>Per-call settings.</summary>
/// <param name="deadline">When the call must be done (UTC). Sent as <c>grpc-timeout</c> and enforced locally: the call fails with DEADLINE_EXCEEDED. Null: no deadline.</param>
/// <param name="headers">Custom request metadata.</param>
/// <param name="idempotent">Whether the call may be sent again: only then is an UNAVAILABLE failure retried (before any response arrived).</param>
/// <param name="cancellationToken">Cancels the call (the server's handler sees its token fire); the call fails with CANCELLED.</param>
public readonly struct CallOptions(
    DateTime? deadline = null,
    Metadata? headers = null,
    bool idempotent = false,
    CancellationToken cancellationToken = default)
{
    /// <summary>When the call must be done (UTC), or null.</summary>
    public DateTime? Deadline { get; } = deadline;

    /// <summary>Custom request metadata, or null.</summary>
    public Metadata? Headers { get; } = headers;

    /// <summary>Whether an UNAVAILABLE failure may be retried.</summary>
    public bool Idempotent { get; } = idempotent;

    /// <summary>Cancels the call.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
