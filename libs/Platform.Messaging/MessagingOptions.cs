namespace Platform.Messaging;

/// <summary>Tuning of the bus, the outbox dispatcher and the inbox; the defaults suit every service.</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// Delays between in-process retries of a consumer that threw; after the last one the message goes to the
    /// endpoint's <c>_error</c> queue. Default: 200 ms, 1 s, 5 s.
    /// </summary>
    public TimeSpan[] RetryIntervals { get; set; } = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    /// <summary>Unacknowledged messages each receive endpoint holds, and so how many it handles at once. Default 32.</summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>Outbox rows the dispatcher publishes per database transaction. Default 500.</summary>
    public int OutboxBatchSize { get; set; } = 500;

    /// <summary>
    /// How often the dispatcher looks for rows without being notified (a commit notifies it at once; this covers a
    /// lost LISTEN connection and a standby replica). Default 1 s.
    /// </summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long sent outbox rows and inbox rows are kept. An inbox row older than this no longer stops a repeat,
    /// so keep it far above any redelivery delay. Default 7 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
