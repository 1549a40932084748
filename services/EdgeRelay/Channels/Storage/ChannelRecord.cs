namespace Platform.EdgeRelay.Channels.Storage;

/// <summary>
/// A stored channel. Its keys stay sealed here (<see cref="ChannelKeyCipher"/>); <see cref="KeyHints"/> are their last
/// four characters, all an operator ever sees of them.
/// </summary>
internal sealed record ChannelRecord(
    Guid Id,
    ChannelSettings Settings,
    IReadOnlyList<byte[]> SealedKeys,
    IReadOnlyList<string> KeyHints,
    DisabledBy? DisabledBy,
    string? DisabledReason,
    int ConsecutiveFailures,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
