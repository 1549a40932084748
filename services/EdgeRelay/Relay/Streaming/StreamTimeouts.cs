namespace Platform.EdgeRelay.Relay.Streaming;

/// <summary>Configuration section <c>Edge:Streaming</c>: first-byte and idle limits instead of a total timeout.</summary>
internal sealed class StreamTimeouts
{
    /// <summary>Longest wait for the upstream's response headers (a reasoning model may think for minutes first).</summary>
    public TimeSpan FirstByte { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A stream silent this long is cut; the client gets keep-alive comments in the meantime.</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a silent stream gets a <c>: keep-alive</c> comment, so proxies and clients do not hang up.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
