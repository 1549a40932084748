namespace Platform.Redis;

/// <summary>The server refused the credentials of the connection string (or needs some and got none).</summary>
public sealed class RedisAuthenticationException : RedisConnectionException
{
    /// <summary>Creates the exception.</summary>
    public RedisAuthenticationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
