namespace Platform.EdgeRelay.Channels.Health;

/// <summary>
/// One channel's failures in a row and circuit breaker. Half-open lets one trial through at a time; a trial that never
/// reports back (the relay succeeded on an earlier candidate and did not call it) is given up after the open interval.
/// </summary>
internal sealed class ChannelBreaker
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private DateTimeOffset _trialUntil;

    public int ConsecutiveFailures
    {
        get
        {
            lock (_lock)
            {
                return _failures;
            }
        }
    }

    public BreakerState State(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _openUntil is not { } until ? BreakerState.Closed : now < until ? BreakerState.Open : BreakerState.HalfOpen;
        }
    }

    /// <summary>Whether a call may go to the channel now; when half-open, this claims the trial.</summary>
    public bool TryAdmit(DateTimeOffset now, TimeSpan trialTimeout)
    {
        lock (_lock)
        {
            if (_openUntil is not { } until)
            {
                return true;
            }
            if (now < until || now < _trialUntil)
            {
                return false;
            }
            _trialUntil = now + trialTimeout;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
            _openUntil = null;
            _trialUntil = default;
        }
    }

    /// <returns>The failures in a row, this one included.</returns>
    public int RecordFailure(DateTimeOffset now, int openAfter, TimeSpan openFor)
    {
        lock (_lock)
        {
            _failures++;
            var halfOpen = _openUntil is { } until && now >= until;
            if (halfOpen || (_openUntil is null && _failures >= openAfter))
            {
                _openUntil = now + openFor;
                _trialUntil = default;
            }
            return _failures;
        }
    }
}
