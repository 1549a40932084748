using Platform.Grpc.Protocol;

namespace Platform.Grpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>, shared by every call through it.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes; larger ones fail the call with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message sent, in bytes; a larger one fails with RESOURCE_EXHAUSTED before anything is sent. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>How many times an idempotent call that failed with UNAVAILABLE is sent again. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; it doubles per attempt (with jitter) up to <see cref="MaxRetryBackoff"/>. Default 100 ms.</summary>
    public TimeSpan InitialRetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between retries. Default 2 s.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long opening a connection may take before the attempt fails with UNAVAILABLE. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
