using System.IO.Pipelines;
using System.Net.Sockets;
using Platform.Redis.Connections;
using Platform.Redis.Protocol;

namespace Platform.Redis.PubSub;

// The connection's life: connect with backoff, subscribe again after a loss, read pushed messages and confirmations.
internal sealed partial class Subscriber
{
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
