namespace Platform.Hosting;

/// <summary>A failure to start or stop the platform, with a message that says what to do.</summary>
public sealed class HostingException(string message, Exception? inner = null) : Exception(message, inner);
