using System.Diagnostics;

namespace Platform.Messaging;

internal static class MessagingTelemetry
{
    // Matches the "Platform.*" sources ServiceDefaults listens to.
    public static readonly ActivitySource Source = new("Platform.Messaging");
}
