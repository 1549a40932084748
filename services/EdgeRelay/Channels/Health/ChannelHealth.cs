using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.EdgeRelay.Channels.Health;

/// <summary>
/// This replica's view of each channel's health, from the outcomes the relay reports: a circuit breaker per channel
/// (open after <see cref="ChannelOptions.BreakerFailures"/> failures in a row, one trial after
/// <see cref="ChannelOptions.BreakerOpenFor"/>), and a request to disable the channel in the database after
/// <see cref="ChannelOptions.DisableAfterFailures"/> (carried out by <see cref="ChannelAutoDisabler"/>). Counts are per
/// replica and in memory; a healthy channel costs no allocation.
/// </summary>
internal sealed class ChannelHealth(IOptions<ChannelOptions> options, TimeProvider clock)
{
    private readonly ChannelOptions _options = options.Value;
    private readonly ConcurrentDictionary<Guid, ChannelBreaker> _breakers = new();
    private readonly ConcurrentQueue<AutoDisableRequest> _toDisable = new();
    private readonly SemaphoreSlim _disableSignal = new(0);

    /// <summary>
    /// The attempt on <paramref name="channelId"/> worked: the upstream answered with a usable response (its first byte,
    /// for a stream). Resets the failures in a row and closes the breaker.
    /// </summary>
    public void ReportSuccess(Guid channelId)
    {
        if (_breakers.TryGetValue(channelId, out var breaker))
        {
            breaker.RecordSuccess();
        }
    }

    /// <summary>
    /// The attempt on <paramref name="channelId"/> failed because of the channel (see <see cref="ChannelFailure"/>);
    /// counts toward opening its breaker and toward disabling it.
    /// </summary>
    public void ReportFailure(Guid channelId, ChannelFailure failure)
    {
        var breaker = _breakers.GetOrAdd(channelId, _ => new ChannelBreaker());
        var failures = breaker.RecordFailure(clock.GetUtcNow(), _options.BreakerFailures, _options.BreakerOpenFor);
        // Asked again every N further failures, in case the first write failed; the disabler ignores repeats.
        if (failures >= _options.DisableAfterFailures && failures % _options.DisableAfterFailures == 0)
        {
            _toDisable.Enqueue(new AutoDisableRequest(channelId, failures, failure));
            _disableSignal.Release();
        }
    }

    public BreakerState State(Guid channelId) =>
        _breakers.TryGetValue(channelId, out var breaker) ? breaker.State(clock.GetUtcNow()) : BreakerState.Closed;

    public int ConsecutiveFailures(Guid channelId) =>
        _breakers.TryGetValue(channelId, out var breaker) ? breaker.ConsecutiveFailures : 0;

    /// <summary>Whether the channel may get a call now (breaker closed, or half-open and this claims its trial).</summary>
    public bool TryAdmit(Guid channelId) =>
        !_breakers.TryGetValue(channelId, out var breaker) || breaker.TryAdmit(clock.GetUtcNow(), _options.BreakerOpenFor);

    /// <summary>Starts the channel afresh: it was (re-)enabled or disabled.</summary>
    public void Forget(Guid channelId) => _breakers.TryRemove(channelId, out _);

    /// <summary>Drops what is known of channels that no longer exist.</summary>
    public void Retain(IReadOnlySet<Guid> channelIds)
    {
        foreach (var channelId in _breakers.Keys.Where(channelId => !channelIds.Contains(channelId)))
        {
            _breakers.TryRemove(channelId, out _);
        }
    }

    /// <summary>Waits for the next channel to disable.</summary>
    public async Task<AutoDisableRequest> NextToDisableAsync(CancellationToken cancellationToken)
    {
        await _disableSignal.WaitAsync(cancellationToken);
        return _toDisable.TryDequeue(out var request) ? request : throw new InvalidOperationException("signalled without a request");
    }
}
