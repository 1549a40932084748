using Platform.EdgeRelay.Channels.Health;

namespace Platform.EdgeRelay.Channels;

/// <summary>
/// The enabled channels at one moment, indexed by public model name, never changed after it is built. A model's
/// channels are the ones that list it and the <c>*</c> channels, highest priority first.
/// </summary>
internal sealed class ChannelSnapshot
{
    public static readonly ChannelSnapshot Empty = new([]);

    private readonly Dictionary<string, ActiveChannel[]> _byModel;
    private readonly ActiveChannel[] _anyModel;
    private readonly HashSet<Guid> _ids;

    public ChannelSnapshot(IReadOnlyCollection<ActiveChannel> channels)
    {
        Channels = channels;
        _ids = channels.Select(channel => channel.Id).ToHashSet();
        _anyModel = ByPriority(channels.Where(channel => channel.Settings.Models.Contains(ChannelSettings.AnyModel)));
        _byModel = channels
            .SelectMany(channel => channel.Settings.Models.Where(model => model != ChannelSettings.AnyModel).Select(model => (model, channel)))
            .GroupBy(entry => entry.model, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => ByPriority(group.Select(entry => entry.channel).Concat(_anyModel).Distinct()), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ActiveChannel> Channels { get; }

    /// <summary>The model names channels list (not what <c>*</c> channels would accept).</summary>
    public IReadOnlyCollection<string> Models => _byModel.Keys;

    public bool Contains(Guid channelId) => _ids.Contains(channelId);

    public bool Serves(string publicModel) => _byModel.ContainsKey(publicModel) || _anyModel.Length > 0;

    /// <summary>
    /// The attempts for <paramref name="publicModel"/>: priority groups from the highest, each in weighted random order,
    /// without the channels whose breaker is open. Claims the trial of a half-open channel it includes.
    /// </summary>
    public IReadOnlyList<ChannelCandidate> Candidates(string publicModel, ChannelHealth health, Random random)
    {
        var channels = _byModel.GetValueOrDefault(publicModel) ?? _anyModel;
        var candidates = new List<ChannelCandidate>(channels.Length);
        var group = new List<ActiveChannel>();
        for (var start = 0; start < channels.Length;)
        {
            var end = start;
            group.Clear();
            for (; end < channels.Length && channels[end].Priority == channels[start].Priority; end++)
            {
                if (health.TryAdmit(channels[end].Id))
                {
                    group.Add(channels[end]);
                }
            }
            AddInWeightedOrder(group, publicModel, candidates, random);
            start = end;
        }
        return candidates;
    }

    /// <summary>Draws the group's channels one by one, each with probability weight / remaining weight.</summary>
    private static void AddInWeightedOrder(List<ActiveChannel> group, string publicModel, List<ChannelCandidate> candidates, Random random)
    {
        var remaining = group.Sum(channel => channel.Weight);
        while (group.Count > 0)
        {
            var draw = random.Next(remaining);
            var index = 0;
            while (draw >= group[index].Weight)
            {
                draw -= group[index].Weight;
                index++;
            }
            candidates.Add(group[index].Candidate(publicModel));
            remaining -= group[index].Weight;
            group.RemoveAt(index);
        }
    }

    private static ActiveChannel[] ByPriority(IEnumerable<ActiveChannel> channels) =>
        channels.OrderByDescending(channel => channel.Priority).ToArray();
}
