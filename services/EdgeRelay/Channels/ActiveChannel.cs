namespace Platform.EdgeRelay.Channels;

/// <summary>An enabled channel as the directory holds it: decrypted keys (in memory only) handed out in turn.</summary>
internal sealed class ActiveChannel
{
    private readonly string[] _keys;
    private int _nextKey;

    public ActiveChannel(Guid id, ChannelSettings settings, string[] keys)
    {
        Id = id;
        Settings = settings;
        _keys = keys;
        // A random first key, so that reloads do not send every replica's first calls to the same key.
        _nextKey = Random.Shared.Next(keys.Length);
    }

    public Guid Id { get; }
    public string Name => Settings.Name;
    public ChannelSettings Settings { get; }
    public int Priority => Settings.Priority;
    public int Weight => Settings.Weight;

    public ChannelCandidate Candidate(string publicModel) => new(
        Id, Name, Settings.Kind, Settings.BaseUrl, Settings.ApiVersion, NextKey(),
        Settings.ModelMap.TryGetValue(publicModel, out var upstreamModel) ? upstreamModel : publicModel,
        Settings.NoNativeStreaming);

    public override string ToString() => $"channel {Name} ({Id})";

    private string NextKey() => _keys.Length == 1
        ? _keys[0]
        : _keys[(int)((uint)Interlocked.Increment(ref _nextKey) % (uint)_keys.Length)];
}
