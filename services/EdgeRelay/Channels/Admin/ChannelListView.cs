using System.Text.Json.Serialization;

namespace Platform.EdgeRelay.Channels.Admin;

/// <summary>Every channel, in OpenAI's list shape.</summary>
internal sealed record ChannelListView(IReadOnlyList<ChannelView> Data)
{
    [JsonPropertyOrder(-1)]
    public string Object => "list";
}
