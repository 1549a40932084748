namespace Platform.Redis.Protocol;

internal enum RedisArgumentKind : byte
{
    Text,
    Integer,
    Bytes,
}
