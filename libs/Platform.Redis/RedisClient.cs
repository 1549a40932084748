using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Redis.Connections;
using Platform.Redis.Protocol;
using Platform.Redis.PubSub;

namespace Platform.Redis;

/// <summary>
/// A Redis client for the whole process: every call shares one pipelined connection (replies are matched to calls
/// in order), which reconnects by itself after the server goes away. Calls in flight when the connection is lost
/// fail with <see cref="RedisConnectionException"/>; so do calls made while the server is down, at once, until a
/// reconnect succeeds. Subscriptions use a second, dedicated connection. Create one per server and keep it.
/// </summary>
public sealed partial class RedisClient : IAsyncDisposable
{
    // Commands that would change the shared connection under every other caller's feet.
    private static readonly FrozenDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["SUBSCRIBE"] = "use SubscribeAsync, which has a connection of its own",
        ["PSUBSCRIBE"] = "use SubscribeAsync, which has a connection of its own",
        ["SSUBSCRIBE"] = "use SubscribeAsync, which has a connection of its own",
        ["UNSUBSCRIBE"] = "dispose the RedisSubscription instead",
        ["PUNSUBSCRIBE"] = "dispose the RedisSubscription instead",
        ["SUNSUBSCRIBE"] = "dispose the RedisSubscription instead",
        ["MONITOR"] = "it turns the connection into a stream of every command",
        ["SELECT"] = "set defaultDatabase in the connection string",
        ["HELLO"] = "this client speaks RESP2",
        ["RESET"] = "it would drop the connection's authentication and database",
        ["QUIT"] = "dispose the client instead",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly Multiplexer _multiplexer;
    private readonly Subscriber _subscriber;
    private readonly bool _ownsConnections;

    /// <summary>Creates the client; it starts connecting at once, and calls made meanwhile wait for that first connection.</summary>
    public RedisClient(RedisOptions options, ILogger<RedisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Timeout = ValidTimeout(options.CommandTimeout);
        var log = (ILogger?)logger ?? NullLogger.Instance;
        _multiplexer = new Multiplexer(options, log);
        _subscriber = new Subscriber(options, log);
        _ownsConnections = true;
    }

    private RedisClient(RedisClient parent, TimeSpan timeout)
    {
        Options = parent.Options;
        Timeout = timeout;
        _multiplexer = parent._multiplexer;
        _subscriber = parent._subscriber;
    }

    /// <summary>The options the client was created with.</summary>
    public RedisOptions Options { get; }

    /// <summary>How long each call of this client waits for its reply.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True while the command connection is up.</summary>
    public bool IsConnected => _multiplexer.IsConnected;

    /// <summary>
    /// The same client (same connections) with another per-call timeout, e.g. a short one on a hot path. Keep the
    /// result rather than calling this per request; disposing it does nothing.
    /// </summary>
    public RedisClient WithTimeout(TimeSpan timeout) => new(this, ValidTimeout(timeout));

    /// <summary>PING; returns the round trip.</summary>
    public async ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await Execute(["PING"], ReplyParsers.Status, cancellationToken);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Any command, e.g. <c>ExecuteAsync("SCRIPT", ["FLUSH"])</c>. Commands that would change the shared
    /// connection for every caller (SUBSCRIBE, SELECT, MONITOR, ...) are refused.
    /// </summary>
    /// <exception cref="RedisServerException">The server answered with an error.</exception>
    public ValueTask<RedisReply> ExecuteAsync(string command, ReadOnlySpan<RedisArgument> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (Refused.TryGetValue(command, out var instead))
        {
            throw new NotSupportedException($"{command.ToUpperInvariant()} cannot run on the shared connection: {instead}.");
        }
        return ExecuteJoined([command], [], arguments, ReplyParsers.Any, cancellationToken);
    }

    /// <summary>Closes the connections; calls still waiting fail with <see cref="RedisConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnections)
        {
            await _subscriber.DisposeAsync();
            await _multiplexer.DisposeAsync();
        }
    }

    internal ValueTask<T> Execute<T>(ReadOnlySpan<RedisArgument> arguments, ReplyParser<T> parser, CancellationToken cancellationToken) =>
        _multiplexer.ExecuteAsync(arguments, parser, Timeout, cancellationToken);

    /// <summary>A command made of a fixed head, a caller's keys and a caller's arguments, joined in a pooled array.</summary>
    private ValueTask<T> ExecuteJoined<T>(
        ReadOnlySpan<RedisArgument> head, ReadOnlySpan<string> keys, ReadOnlySpan<RedisArgument> tail, ReplyParser<T> parser, CancellationToken cancellationToken)
    {
        var arguments = RentJoined(head, keys, tail, out var count);
        try
        {
            // The command is encoded (or copied) before Execute returns, so the array can go back at once.
            return Execute(arguments.AsSpan(0, count), parser, cancellationToken);
        }
        finally
        {
            ReturnJoined(arguments, count);
        }
    }

    private static TimeSpan ValidTimeout(TimeSpan timeout, [CallerArgumentExpression(nameof(timeout))] string? name = null) =>
        timeout > TimeSpan.Zero || timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? timeout
            : throw new ArgumentOutOfRangeException(name, timeout, "A Redis call timeout must be positive (or infinite).");

    private static RedisArgument[] RentJoined(ReadOnlySpan<RedisArgument> head, ReadOnlySpan<string> keys, ReadOnlySpan<RedisArgument> tail, out int count)
    {
        count = head.Length + keys.Length + tail.Length;
        var arguments = ArrayPool<RedisArgument>.Shared.Rent(count);
        head.CopyTo(arguments);
        for (var i = 0; i < keys.Length; i++)
        {
            arguments[head.Length + i] = keys[i];
        }
        tail.CopyTo(arguments.AsSpan(head.Length + keys.Length));
        return arguments;
    }

    private static void ReturnJoined(RedisArgument[] arguments, int count)
    {
        // Cleared so the pool does not keep callers' strings alive.
        arguments.AsSpan(0, count).Clear();
        ArrayPool<RedisArgument>.Shared.Return(arguments);
    }
}
