namespace Platform.Redis;

/// <summary>The server answered a command with an error reply (<c>WRONGTYPE ...</c>, <c>NOSCRIPT ...</c>, <c>ERR ...</c>).</summary>
public sealed class RedisServerException : RedisException
{
    /// <summary>Creates the exception for <paramref name="command"/> and the server's error text.</summary>
    public RedisServerException(string command, string error)
        : base($"Redis rejected {command}: {error}")
    {
        Command = command;
        Error = error;
        var space = error.IndexOf(' ');
        ErrorCode = space < 0 ? error : error[..space];
    }

    /// <summary>The command that failed.</summary>
    public string Command { get; }

    /// <summary>The error reply as the server sent it.</summary>
    public string Error { get; }

    /// <summary>The error's first word: <c>ERR</c>, <c>WRONGTYPE</c>, <c>NOSCRIPT</c>, ...</summary>
    public string ErrorCode { get; }
}
