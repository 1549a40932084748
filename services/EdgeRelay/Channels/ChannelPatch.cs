using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Channels;

/// <summary>
/// The fields of an admin request as given, before validation: all of a channel's on POST, any of them on PATCH.
/// <see cref="Keys"/> are plaintext here and only here on their way to encryption.
/// </summary>
internal sealed record ChannelPatch
{
    public Optional<string> Name { get; init; }
    public Optional<string> Kind { get; init; }
    public Optional<string> BaseUrl { get; init; }
    public Optional<string?> ApiVersion { get; init; }
    public Optional<IReadOnlyList<string>> Keys { get; init; }
    public Optional<IReadOnlyList<string>> Models { get; init; }
    public Optional<IReadOnlyDictionary<string, string>> ModelMap { get; init; }
    public Optional<int> Priority { get; init; }
    public Optional<int> Weight { get; init; }
    public Optional<bool> NoNativeStreaming { get; init; }
    public Optional<bool> Enabled { get; init; }
}
