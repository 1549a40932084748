namespace Platform.Redis;

/// <summary>
/// No usable connection: the server could not be reached, or the connection was lost before the reply arrived (the
/// command may or may not have run). The client keeps reconnecting in the background.
/// </summary>
public class RedisConnectionException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
