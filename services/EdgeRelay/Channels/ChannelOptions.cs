namespace Platform.EdgeRelay.Channels;

/// <summary>Configuration section <c>Edge:Channels</c>: the health and reload timings (tests shorten them).</summary>
internal sealed class ChannelOptions
{
    public const string Section = "Edge:Channels";

    /// <summary>Failures in a row that open a channel's circuit breaker.</summary>
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker keeps the channel out before one trial call is let through.</summary>
    public TimeSpan BreakerOpenFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failures in a row that disable the channel in the database, until <see cref="ProbeInterval"/>'s probe sees it answer.</summary>
    public int DisableAfterFailures { get; set; } = 10;

    /// <summary>How often auto-disabled channels are probed.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one probe request (per key) may take.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the directory reloads the table even without a <c>ChannelChanged</c> (a lost event, a broker outage).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries allowed per request, on average: each request earns this fraction of a retry.</summary>
    public double RetryRatio { get; set; } = 0.1;

    /// <summary>Most retries saved up (and the budget at start), so a quiet edge can still retry a burst of failures.</summary>
    public int RetryBudgetCap { get; set; } = 10;
}
