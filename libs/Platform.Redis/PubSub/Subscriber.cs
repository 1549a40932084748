using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Platform.Redis.PubSub;

/// <summary>
/// The dedicated connection for subscriptions (a subscribed connection can run nothing else). Started by the first
/// subscription; after a loss it reconnects like the command connection and subscribes to every channel again.
/// </summary>
internal sealed partial class Subscriber(RedisOptions options, ILogger logger) : IAsyncDisposable
{
    private const string Purpose = "subscriptions";

    private readonly Lock _sync = new();
    private readonly Dictionary<string, List<RedisSubscription>> _channels = new(StringComparer.Ordinal);
    // One entry per channel of each SUBSCRIBE/UNSUBSCRIBE sent on the current socket; the server confirms them in
    // order. Null where nobody waits (the re-subscription after a reconnect).
    private readonly Queue<TaskCompletionSource?> _confirmations = new();
    // Serialises writes, and keeps the re-subscription after a reconnect apart from new subscriptions.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    // Pending while an attempt runs, completed when connected, faulted between failed attempts.
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;
    private volatile Exception? _lastError;
    private Task? _loop;
    private bool _isDisposed;

    public async Task<RedisSubscription> SubscribeAsync(string channel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var subscription = new RedisSubscription(channel, this, options.SubscriptionBufferCapacity);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await WaitUntilConnectedAsync(deadline.Token);
            TaskCompletionSource? confirmed = null;
            await _writeLock.WaitAsync(deadline.Token);
            try
            {
                Socket socket;
                lock (_sync)
                {
                    socket = _socket ?? throw Unavailable();
                    if (!_channels.TryGetValue(channel, out var subscriptions))
                    {
                        _channels[channel] = subscriptions = [];
                        confirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        _confirmations.Enqueue(confirmed);
                    }
                    subscriptions.Add(subscription);
                }
                if (confirmed is not null)
                {
                    await SendAsync(socket, ["SUBSCRIBE", channel]);
                }
            }
            finally
            {
                _writeLock.Release();
            }
            if (confirmed is not null)
            {
                await confirmed.Task.WaitAsync(deadline.Token);
            }
            return subscription;
        }
        catch (Exception ex)
        {
            // Should the server still confirm, its messages find no subscription and are dropped.
            Forget(subscription);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new RedisTimeoutException(
                    $"Subscribing to '{channel}' on Redis at {options.EndPoint} took longer than {timeout.TotalMilliseconds:F0} ms" +
                    (_lastError is null ? "." : $" (last connection error: {_lastError.Message})."));
            }
            throw;
        }
    }

    public async Task UnsubscribeAsync(RedisSubscription subscription, CancellationToken cancellationToken)
    {
        if (!Forget(subscription))
        {
            return;
        }
        TaskCompletionSource confirmed;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            Socket socket;
            lock (_sync)
            {
                // Subscribed again meanwhile; or disconnected, and the reconnect will not subscribe it again.
                if (_channels.ContainsKey(subscription.Channel) || _socket is null)
                {
                    return;
                }
                socket = _socket;
                confirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _confirmations.Enqueue(confirmed);
            }
            await SendAsync(socket, ["UNSUBSCRIBE", subscription.Channel]);
        }
        catch (RedisConnectionException)
        {
            // A lost connection unsubscribes everything.
            return;
        }
        finally
        {
            _writeLock.Release();
        }
        try
        {
            await confirmed.Task.WaitAsync(options.CommandTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Nothing is delivered to the subscription any more either way; the server's side is best effort.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Socket? socket;
        List<RedisSubscription> subscriptions;
        lock (_sync)
        {
            if (_isDisposed)
            {
                return;
            }
            _isDisposed = true;
            socket = _socket;
            subscriptions = [.. _channels.Values.SelectMany(list => list)];
            _channels.Clear();
        }
        _disposed.Cancel();
        socket?.Dispose();
        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }
        if (_loop is not null)
        {
            await _loop;
        }
        _disposed.Dispose();
    }

    /// <summary>Removes the subscription and completes its messages; true when it was the channel's last one.</summary>
    private bool Forget(RedisSubscription subscription)
    {
        bool last;
        lock (_sync)
        {
            if (!_channels.TryGetValue(subscription.Channel, out var subscriptions) || !subscriptions.Remove(subscription))
            {
                return false;
            }
            last = subscriptions.Count == 0;
            if (last)
            {
                _channels.Remove(subscription.Channel);
            }
        }
        subscription.Complete();
        return last;
    }
}
