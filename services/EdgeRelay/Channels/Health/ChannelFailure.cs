namespace Platform.EdgeRelay.Channels.Health;

/// <summary>
/// Why an attempt on a channel failed, for <see cref="ChannelHealth.ReportFailure"/>. Report only what says the channel is
/// unwell: not a 400 that the client's own request caused, nor a client that went away.
/// </summary>
internal enum ChannelFailure
{
    /// <summary>No connection (refused, DNS, TLS, reset before the response).</summary>
    ConnectFailed,

    /// <summary>No first byte in time.</summary>
    TimedOut,

    /// <summary>429 from the upstream.</summary>
    RateLimited,

    /// <summary>5xx from the upstream.</summary>
    ServerError,

    /// <summary>401 or 403 from the upstream: the channel's key is wrong, revoked or out of credit.</summary>
    Unauthorized,

    /// <summary>Anything else that shows the channel is unusable (a 404 for its base URL, a malformed answer, an error mid-stream).</summary>
    Other,
}
