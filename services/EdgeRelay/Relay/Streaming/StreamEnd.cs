namespace Platform.EdgeRelay.Relay.Streaming;

internal enum StreamEnd
{
    /// <summary>The upstream finished (data: [DONE] or the end of its body).</summary>
    Completed,

    /// <summary>The client went away; the upstream request was cancelled with it.</summary>
    ClientGone,

    /// <summary>The upstream said nothing for longer than the idle timeout, or its connection broke.</summary>
    UpstreamFailed,
}
