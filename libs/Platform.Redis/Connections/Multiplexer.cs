using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Platform.Redis.Protocol;

namespace Platform.Redis.Connections;

/// <summary>
/// Keeps one <see cref="PhysicalConnection"/> for all commands: connects in the background, and after a loss
/// reconnects at once and then with a growing delay. While an attempt is under way calls wait for it (bounded by
/// their timeout); between attempts they fail at once with the last error, so an outage costs callers nothing.
/// </summary>
internal sealed class Multiplexer : IAsyncDisposable
{
    private const string Purpose = "commands";

    private readonly Lock _sync = new();
    private readonly RedisOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Task _connectLoop;
    private volatile PhysicalConnection? _current;
    private TaskCompletionSource<PhysicalConnection>? _attempt;
    private Exception? _lastError;
    private bool _isDisposed;

    public Multiplexer(RedisOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _connectLoop = ConnectLoopAsync();
    }

    public bool IsConnected => _current?.IsOpen == true;

    public ValueTask<T> ExecuteAsync<T>(ReadOnlySpan<RedisArgument> arguments, ReplyParser<T> parser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }
        var connection = _current;
        return connection is { IsOpen: true }
            ? Send(connection, arguments, parser, timeout, cancellationToken)
            // The arguments outlive this call from here on, so they are copied.
            : SendWhenConnectedAsync(arguments.ToArray(), parser, timeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        PhysicalConnection? current;
        lock (_sync)
        {
            if (_isDisposed)
            {
                return;
            }
            _isDisposed = true;
            current = _current;
            _current = null;
        }
        _disposed.Cancel();
        current?.Close(new ObjectDisposedException(nameof(RedisClient), "the client was disposed"));
        await _connectLoop;
        _disposed.Dispose();
    }

    private ValueTask<T> Send<T>(PhysicalConnection connection, ReadOnlySpan<RedisArgument> arguments, ReplyParser<T> parser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = PendingCommand<T>.Rent(arguments.IsEmpty ? "" : arguments[0].ToString(), parser, timeout);
        command.RegisterCancellation(cancellationToken);
        try
        {
            if (!connection.TryEnqueue(command, arguments))
            {
                command.TrySetException(Unavailable(connection.Closed.IsCompleted ? connection.Closed.Result : null));
                command.ReleaseByConnection();
            }
        }
        catch (Exception ex)
        {
            command.TrySetException(ex);
            command.ReleaseByConnection();
        }
        return command.Task;
    }

    private async ValueTask<T> SendWhenConnectedAsync<T>(RedisArgument[] arguments, ReplyParser<T> parser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var connection = await WaitForConnectionAsync(timeout, cancellationToken);
        var left = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - Stopwatch.GetElapsedTime(started);
        return await Send(connection, arguments, parser, left > TimeSpan.Zero || left == Timeout.InfiniteTimeSpan ? left : TimeSpan.FromMilliseconds(1), cancellationToken);
    }

    private async ValueTask<PhysicalConnection> WaitForConnectionAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task<PhysicalConnection>? attempt;
        Exception? lastError;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, typeof(RedisClient));
            if (_current is { IsOpen: true } current)
            {
                return current;
            }
            attempt = _attempt?.Task;
            lastError = _lastError ?? (_current?.Closed is { IsCompleted: true } closed ? closed.Result : null);
        }
        if (attempt is null)
        {
            throw Unavailable(lastError);
        }
        try
        {
            return await attempt.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RedisConnectionException(
                $"Could not connect to Redis at {_options.EndPoint} within {timeout.TotalMilliseconds:F0} ms; the client keeps trying in the background.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>A new exception per caller (a shared instance would mix their stack traces).</summary>
    private RedisConnectionException Unavailable(Exception? lastError) => lastError switch
    {
        RedisAuthenticationException auth => new RedisAuthenticationException(auth.Message, auth),
        null => new RedisConnectionException($"Not connected to Redis at {_options.EndPoint} yet; the client is connecting in the background."),
        _ => new RedisConnectionException(
            $"Redis at {_options.EndPoint} is unavailable ({lastError.Message}); the client is reconnecting in the background.", lastError),
    };

    private async Task ConnectLoopAsync()
    {
        var failures = 0;
        while (!_disposed.IsCancellationRequested)
        {
            var attempt = new TaskCompletionSource<PhysicalConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sync)
            {
                _attempt = attempt;
            }
            PhysicalConnection connection;
            try
            {
                connection = await PhysicalConnection.ConnectAsync(_options, _disposed.Token);
            }
            catch (Exception ex)
            {
                var disposed = _disposed.IsCancellationRequested;
                var delay = ReconnectBackoff.Delay(++failures, _options.MaxReconnectDelay);
                lock (_sync)
                {
                    _attempt = null;
                    _lastError = ex;
                }
                attempt.SetException(disposed ? new ObjectDisposedException(nameof(RedisClient)) : ex);
                // Waiters rethrow their own copy; nobody else needs to observe this task.
                _ = attempt.Task.Exception;
                if (disposed)
                {
                    return;
                }
                RedisLog.ConnectFailed(_logger, _options.EndPoint, Purpose, failures, ex.Message, delay.TotalMilliseconds);
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
            lock (_sync)
            {
                if (_isDisposed)
                {
                    connection.Close(new ObjectDisposedException(nameof(RedisClient), "the client was disposed"));
                    attempt.SetException(new ObjectDisposedException(nameof(RedisClient)));
                    _ = attempt.Task.Exception;
                    return;
                }
                _current = connection;
                _attempt = null;
                _lastError = null;
            }
            attempt.SetResult(connection);
            failures = 0;
            RedisLog.Connected(_logger, _options.EndPoint, Purpose);

            var reason = await connection.Closed;
            lock (_sync)
            {
                _lastError = reason;
            }
            if (!_disposed.IsCancellationRequested)
            {
                RedisLog.ConnectionLost(_logger, Purpose, _options.EndPoint, reason.Message);
            }
        }
    }
}
