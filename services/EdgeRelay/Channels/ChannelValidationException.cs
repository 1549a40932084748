namespace Platform.EdgeRelay.Channels;

/// <summary>An admin request describes no valid channel; the message says what to change, <see cref="Param"/> names the field.</summary>
internal sealed class ChannelValidationException(string message, string param) : Exception(message)
{
    public string Param { get; } = param;
}
