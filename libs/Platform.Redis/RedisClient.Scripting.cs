using System.Runtime.CompilerServices;
using Platform.Redis.Protocol;

namespace Platform.Redis;

public sealed partial class RedisClient
{
    /// <summary>EVALSHA of the script's hash, falling back to EVAL of its text on NOSCRIPT (which also caches it on the server).</summary>
    /// <exception cref="RedisServerException">The script failed.</exception>
    public ValueTask<RedisReply> EvaluateAsync(
        RedisScript script, ReadOnlySpan<string> keys = default, ReadOnlySpan<RedisArgument> arguments = default, CancellationToken cancellationToken = default) =>
        EvaluateAsync(script, keys, arguments, ReplyParsers.Any, cancellationToken);

    /// <summary>EVAL: runs the script text as given.</summary>
    /// <exception cref="RedisServerException">The script failed.</exception>
    public ValueTask<RedisReply> EvaluateAsync(
        string script, ReadOnlySpan<string> keys = default, ReadOnlySpan<RedisArgument> arguments = default, CancellationToken cancellationToken = default) =>
        ExecuteJoined(["EVAL", script, keys.Length], keys, arguments, ReplyParsers.Any, cancellationToken);

    /// <summary>EVALSHA: runs a script the server has cached; NOSCRIPT when it has not.</summary>
    /// <exception cref="RedisServerException">The script failed, or the server does not know it (ErrorCode NOSCRIPT).</exception>
    public ValueTask<RedisReply> EvaluateShaAsync(
        string sha1, ReadOnlySpan<string> keys = default, ReadOnlySpan<RedisArgument> arguments = default, CancellationToken cancellationToken = default) =>
        ExecuteJoined(["EVALSHA", sha1, keys.Length], keys, arguments, ReplyParsers.Any, cancellationToken);

    internal ValueTask<T> EvaluateAsync<T>(
        RedisScript script, ReadOnlySpan<string> keys, ReadOnlySpan<RedisArgument> arguments, ReplyParser<T> parser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        // Kept until the call ends: a NOSCRIPT fallback sends the same keys and arguments again.
        var command = RentJoined(["EVALSHA", script.Sha1, keys.Length], keys, arguments, out var count);
        return EvaluateWithFallbackAsync(script, command, count, parser, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<T> EvaluateWithFallbackAsync<T>(
        RedisScript script, RedisArgument[] command, int count, ReplyParser<T> parser, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                return await Execute(command.AsSpan(0, count), parser, cancellationToken);
            }
            catch (RedisServerException ex) when (ex.ErrorCode == "NOSCRIPT")
            {
                command[0] = "EVAL";
                command[1] = script.Text;
                return await Execute(command.AsSpan(0, count), parser, cancellationToken);
            }
        }
        finally
        {
            ReturnJoined(command, count);
        }
    }
}
