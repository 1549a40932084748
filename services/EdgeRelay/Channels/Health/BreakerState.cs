namespace Platform.EdgeRelay.Channels.Health;

/// <summary>A channel's circuit breaker, as this replica sees it.</summary>
internal enum BreakerState
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Too many failures in a row: the channel gets no calls until the open interval has passed.</summary>
    Open,

    /// <summary>The open interval has passed: one trial call goes through; its outcome closes or reopens the breaker.</summary>
    HalfOpen,
}
