namespace Platform.Redis;

/// <summary>Base of every failure reported by <see cref="RedisClient"/> (besides cancellation).</summary>
public class RedisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RedisException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
