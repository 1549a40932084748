namespace Platform.Redis;

/// <summary>
/// A command got no reply within its timeout. The connection stays in use: the late reply is read and discarded,
/// so later commands still get their own replies.
/// </summary>
public sealed class RedisTimeoutException : RedisException
{
    /// <summary>Creates the exception.</summary>
    public RedisTimeoutException(string message)
        : base(message)
    {
    }
}
