using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Platform.Redis.Connections;
using Platform.Redis.Protocol;

namespace Platform.Redis.PubSub;

/// <summary>
/// The dedicated connection for subscriptions (a subscribed connection can run nothing else). Started by the first
/// subscription; after a loss it reconnects like the command connection and subscribes to every channel again.
/// </summary>
internal sealed class Subscriber(RedisOptions options, ILogger logger) : IAsyncDisposable
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

    private async Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        Task connected;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, typeof(RedisClient));
            _loop ??= Task.Run(ConnectLoopAsync);
            connected = _connected.Task;
        }
        try
        {
            await connected.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Unavailable();
        }
    }

    private RedisConnectionException Unavailable() => _lastError switch
    {
        RedisAuthenticationException auth => new RedisAuthenticationException(auth.Message, auth),
        var error => new RedisConnectionException(
            $"Not connected to Redis at {options.EndPoint} for subscriptions ({error?.Message ?? "connecting"}); the client is reconnecting in the background.",
            error),
    };

    private async Task ConnectLoopAsync()
    {
        var failures = 0;
        while (!_disposed.IsCancellationRequested)
        {
            TaskCompletionSource attempt;
            lock (_sync)
            {
                if (_connected.Task.IsCompleted)
                {
                    _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                attempt = _connected;
            }
            Socket socket;
            PipeReader reader;
            try
            {
                (socket, reader) = await Handshake.ConnectAsync(options, _disposed.Token);
            }
            catch (Exception ex)
            {
                _lastError = ex;
                attempt.TrySetException(ex);
                _ = attempt.Task.Exception;
                if (_disposed.IsCancellationRequested)
                {
                    return;
                }
                var delay = ReconnectBackoff.Delay(++failures, options.MaxReconnectDelay);
                RedisLog.ConnectFailed(logger, options.EndPoint, Purpose, failures, ex.Message, delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _disposed.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            Exception reason;
            try
            {
                await ResubscribeAsync(socket);
                failures = 0;
                _lastError = null;
                attempt.TrySetResult();
                RedisLog.Connected(logger, options.EndPoint, Purpose);
                reason = await ReadLoopAsync(reader);
            }
            catch (Exception ex)
            {
                attempt.TrySetException(ex);
                _ = attempt.Task.Exception;
                await reader.CompleteAsync();
                reason = ex;
            }
            TaskCompletionSource?[] unconfirmed;
            lock (_sync)
            {
                _socket = null;
                unconfirmed = [.. _confirmations];
                _confirmations.Clear();
            }
            socket.Dispose();
            _lastError = reason;
            foreach (var waiter in unconfirmed)
            {
                waiter?.TrySetException(new RedisConnectionException(
                    $"Lost the subscription connection to Redis at {options.EndPoint} ({reason.Message}).", reason));
            }
            if (!_disposed.IsCancellationRequested)
            {
                RedisLog.ConnectionLost(logger, Purpose, options.EndPoint, reason.Message);
            }
        }
    }

    /// <summary>Publishes the new socket and subscribes it to every channel someone still wants.</summary>
    private async Task ResubscribeAsync(Socket socket)
    {
        await _writeLock.WaitAsync(_disposed.Token);
        try
        {
            RedisArgument[] command;
            lock (_sync)
            {
                if (_isDisposed)
                {
                    socket.Dispose();
                    throw new ObjectDisposedException(nameof(RedisClient));
                }
                _socket = socket;
                command = ["SUBSCRIBE", .. _channels.Keys.Select(channel => (RedisArgument)channel)];
                for (var i = 1; i < command.Length; i++)
                {
                    _confirmations.Enqueue(null);
                }
            }
            if (command.Length > 1)
            {
                await SendAsync(socket, command);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<Exception> ReadLoopAsync(PipeReader reader)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (RespScanner.TryReadFrame(ref buffer, out var frame))
                {
                    Handle(RespReader.Decode(frame));
                }
                if (result.IsCompleted)
                {
                    return new RedisConnectionException($"Redis at {options.EndPoint} closed the connection");
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private void Handle(RedisReply reply)
    {
        if (reply.Kind == RedisReplyKind.Error)
        {
            Confirm(new RedisServerException("SUBSCRIBE", reply.AsString()!));
            return;
        }
        if (reply.Kind != RedisReplyKind.Array || reply.Elements.Count != 3)
        {
            return;
        }
        switch (reply.Elements[0].AsString())
        {
            case "message":
                var message = new RedisMessage(reply.Elements[1].AsString()!, reply.Elements[2].AsString()!);
                lock (_sync)
                {
                    if (_channels.TryGetValue(message.Channel, out var subscriptions))
                    {
                        foreach (var subscription in subscriptions)
                        {
                            subscription.Deliver(message);
                        }
                    }
                }
                break;
            case "subscribe" or "unsubscribe":
                Confirm(null);
                break;
        }
    }

    private void Confirm(Exception? error)
    {
        TaskCompletionSource? waiter;
        lock (_sync)
        {
            _confirmations.TryDequeue(out waiter);
        }
        if (error is null)
        {
            waiter?.TrySetResult();
        }
        else
        {
            waiter?.TrySetException(error);
        }
    }

    private async Task SendAsync(Socket socket, RedisArgument[] command)
    {
        using var buffer = new CommandBuffer();
        buffer.Write(command);
        try
        {
            // No cancellation: a half-sent command would corrupt the stream for everyone after it.
            for (var unsent = buffer.Written; !unsent.IsEmpty;)
            {
                unsent = unsent[await socket.SendAsync(unsent, SocketFlags.None)..];
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            throw new RedisConnectionException($"Lost the subscription connection to Redis at {options.EndPoint} ({ex.Message}).", ex);
        }
    }
}
