namespace Platform.Redis.Protocol;

/// <summary>
/// Turns one reply (never an error: those become <see cref="RedisServerException"/> first) into a command's result.
/// Runs on the connection's reader loop, so it must be quick and must not block.
/// </summary>
internal delegate T ReplyParser<T>(ref RespReader reader);
