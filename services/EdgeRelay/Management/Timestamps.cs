using Google.Protobuf.WellKnownTypes;

namespace Platform.EdgeRelay.Management;

internal static class Timestamps
{
    public static DateTimeOffset? ToNullable(this Timestamp? timestamp) => timestamp?.ToDateTimeOffset();

    public static Timestamp? ToTimestamp(this DateTimeOffset? value) => value is { } at ? Timestamp.FromDateTimeOffset(at) : null;
}
