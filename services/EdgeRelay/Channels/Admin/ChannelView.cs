using Platform.EdgeRelay.Channels.Health;
using Platform.EdgeRelay.Channels.Storage;

namespace Platform.EdgeRelay.Channels.Admin;

/// <summary>
/// A channel in the admin API's answers: everything but its keys, of which only the last four characters. <see cref="Live"/>
/// and <see cref="Breaker"/> are the answering replica's view: whether it routes calls to the channel now (a change
/// reaches every replica about a second after it is made), and how the channel's calls went there.
/// </summary>
internal sealed record ChannelView(
    Guid Id,
    string Name,
    string Kind,
    string BaseUrl,
    string? ApiVersion,
    IReadOnlyList<KeyHintView> Keys,
    IReadOnlyList<string> Models,
    IReadOnlyDictionary<string, string> ModelMap,
    int Priority,
    int Weight,
    bool NoNativeStreaming,
    bool Enabled,
    bool Live,
    DisabledBy? DisabledBy,
    string? DisabledReason,
    BreakerView Breaker,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ChannelView From(ChannelRecord channel, ChannelDirectory directory, ChannelHealth health)
    {
        var settings = channel.Settings;
        return new ChannelView(
            channel.Id, settings.Name, settings.Kind.Name(), settings.BaseUrl.AbsoluteUri, settings.ApiVersion,
            channel.KeyHints.Select(hint => new KeyHintView(hint)).ToList(), settings.Models, settings.ModelMap,
            settings.Priority, settings.Weight, settings.NoNativeStreaming, settings.Enabled, directory.IsActive(channel.Id), channel.DisabledBy, channel.DisabledReason,
            new BreakerView(health.State(channel.Id), health.ConsecutiveFailures(channel.Id)), channel.CreatedAt, channel.UpdatedAt);
    }
}
