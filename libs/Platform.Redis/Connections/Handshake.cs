using System.IO.Pipelines;
using System.Net.Sockets;
using Platform.Redis.Protocol;

namespace Platform.Redis.Connections;

/// <summary>Opens a socket and prepares it (AUTH, SELECT, CLIENT SETNAME), the same way on every reconnect.</summary>
internal static class Handshake
{
    /// <summary>A connected, authenticated socket and its reader, positioned after the handshake's replies.</summary>
    /// <exception cref="RedisAuthenticationException">The server refused the credentials or needs some.</exception>
    /// <exception cref="RedisConnectionException">The server is unreachable, too slow or refused a setup command.</exception>
    public static async Task<(Socket Socket, PipeReader Reader)> ConnectAsync(RedisOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        PipeReader? reader = null;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            reader = PipeReader.Create(new NetworkStream(socket, ownsSocket: false));
            await SetUpAsync(socket, reader, options, timeout.Token);
            return (socket, reader);
        }
        catch (Exception ex)
        {
            if (reader is not null)
            {
                await reader.CompleteAsync();
            }
            socket.Dispose();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new RedisConnectionException(
                    $"Could not connect to Redis at {options.EndPoint} within {options.ConnectTimeout.TotalMilliseconds:F0} ms (connectTimeout).", ex);
            }
            if (ex is SocketException or IOException)
            {
                throw new RedisConnectionException($"Could not connect to Redis at {options.EndPoint}: {ex.Message}", ex);
            }
            throw;
        }
    }

    private static async Task SetUpAsync(Socket socket, PipeReader reader, RedisOptions options, CancellationToken cancellationToken)
    {
        var commands = new List<RedisArgument[]>(4);
        if (options.Password is not null)
        {
            commands.Add(options.User is null ? ["AUTH", options.Password] : ["AUTH", options.User, options.Password]);
        }
        if (options.Database != 0)
        {
            commands.Add(["SELECT", options.Database]);
        }
        if (options.ClientName is not null)
        {
            commands.Add(["CLIENT", "SETNAME", options.ClientName]);
        }
        // PING proves the connection is usable, and is where a server that wants a password we lack says NOAUTH.
        commands.Add(["PING"]);

        using var buffer = new CommandBuffer();
        foreach (var command in commands)
        {
            buffer.Write(command);
        }
        await socket.SendAsync(buffer.Written, SocketFlags.None, cancellationToken);

        // Read every reply, then report the first error: later ones are usually its consequence.
        RedisException? failure = null;
        foreach (var command in commands)
        {
            var reply = await ReadReplyAsync(reader, options, cancellationToken);
            if (reply.Kind == RedisReplyKind.Error)
            {
                failure ??= Explain(options, command[0].ToString(), reply.AsString()!);
            }
        }
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>Reads one whole reply (errors come back as <see cref="RedisReplyKind.Error"/>).</summary>
    private static async ValueTask<RedisReply> ReadReplyAsync(PipeReader reader, RedisOptions options, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (RespScanner.TryReadFrame(ref buffer, out var frame))
            {
                var reply = RespReader.Decode(frame);
                reader.AdvanceTo(buffer.Start);
                return reply;
            }
            if (result.IsCompleted)
            {
                throw new RedisConnectionException($"Redis at {options.EndPoint} closed the connection while it was being set up.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static RedisException Explain(RedisOptions options, string command, string error)
    {
        if (error.StartsWith("NOAUTH", StringComparison.Ordinal))
        {
            return new RedisAuthenticationException(
                $"Redis at {options.EndPoint} requires a password ({error}); add password=... to the connection string.");
        }
        if (command == "AUTH")
        {
            var who = options.User is null ? "the password" : $"user '{options.User}' with the password";
            return new RedisAuthenticationException(
                $"Redis at {options.EndPoint} refused {who} from the connection string ({error}); check password= (and user=) in the connection string.");
        }
        return new RedisConnectionException($"Redis at {options.EndPoint} refused {command} while the connection was being set up: {error}");
    }
}
