namespace Platform.EdgeRelay.Json;

/// <summary>A management request the edge refuses before calling a service: answered 400 with the message and the field.</summary>
internal sealed class InvalidRequestException(string message, string? param = null) : Exception(message)
{
    public string? Param { get; } = param;
}
