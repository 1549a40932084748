using System.Security.Cryptography;
using Platform.EdgeRelay.Channels.Health;
using Platform.EdgeRelay.Channels.Storage;

namespace Platform.EdgeRelay.Channels;

/// <summary>
/// The enabled channels of this replica, in memory with their decrypted keys: where the relay sends a model's calls.
/// Loaded whole at start, on every <c>ChannelChanged</c> and every <see cref="ChannelOptions.ReloadInterval"/>
/// (<see cref="ChannelDirectoryRefresher"/>, <see cref="ChannelChangedConsumer"/>); readers never wait for a reload.
/// </summary>
internal sealed partial class ChannelDirectory(ChannelStore store, ChannelKeyCipher cipher, ChannelHealth health, ILogger<ChannelDirectory> logger)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile ChannelSnapshot _snapshot = ChannelSnapshot.Empty;
    private long _requested;
    private long _loaded;
    private Dictionary<Guid, DateTimeOffset> _versions = [];

    /// <summary>
    /// The channels to try for <paramref name="publicModel"/>, best first: the highest-priority channels whose breaker
    /// is closed (or half-open, for its one trial) in weighted random order, then the next priority's, and so on. Each
    /// carries the next of its channel's keys and the upstream's name for the model. Empty when no enabled channel
    /// serves the model (see <see cref="Serves"/>) or all of them have an open breaker.
    /// </summary>
    public IReadOnlyList<ChannelCandidate> Candidates(string publicModel) => _snapshot.Candidates(publicModel, health, Random.Shared);

    /// <summary>Whether some enabled channel serves <paramref name="publicModel"/>, healthy or not: tells "no such model" (404) from "no channel up" (503).</summary>
    public bool Serves(string publicModel) => _snapshot.Serves(publicModel);

    /// <summary>Every model name an enabled channel lists (<c>*</c> channels add none), for <c>/v1/models</c>.</summary>
    public IReadOnlyCollection<string> ServedModels() => _snapshot.Models;

    /// <summary>Whether calls can be routed to the channel now: it is enabled, its keys were readable, and this replica has heard of it.</summary>
    public bool IsActive(Guid channelId) => _snapshot.Contains(channelId);

    /// <summary>Reads the whole table again. Calls that arrive while one runs share the next one.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var request = Interlocked.Increment(ref _requested);
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            // A reload that began after this call asked has read everything this call would.
            if (Volatile.Read(ref _loaded) >= request)
            {
                return;
            }
            var covers = Volatile.Read(ref _requested);
            var records = await store.ListAsync(cancellationToken);
            var next = new ChannelSnapshot(records.Where(record => record.Settings.Enabled).Select(Activate).OfType<ActiveChannel>().ToList());
            // A channel that was changed in any way (keys fixed, re-enabled, disabled) starts with a clean breaker.
            foreach (var record in records.Where(record => _versions.GetValueOrDefault(record.Id) != record.UpdatedAt))
            {
                health.Forget(record.Id);
            }
            _versions = records.ToDictionary(record => record.Id, record => record.UpdatedAt);
            health.Retain(_versions.Keys.ToHashSet());
            _snapshot = next;
            Volatile.Write(ref _loaded, covers);
            LogReloaded(next.Channels.Count, records.Count);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private ActiveChannel? Activate(ChannelRecord record)
    {
        try
        {
            return new ActiveChannel(record.Id, record.Settings, record.SealedKeys.Select(sealedKey => cipher.Decrypt(record.Id, sealedKey)).ToArray());
        }
        catch (Exception exception) when (exception is CryptographicException or EncryptionKeyUnavailableException)
        {
            // One unreadable channel must not take the others down.
            LogUnreadable(exception, record.Id, record.Settings.Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {Active} active channels of {Total}")]
    private partial void LogReloaded(int active, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Channel {ChannelId} ({ChannelName}) is left out: its keys cannot be decrypted with this edge's encryption key")]
    private partial void LogUnreadable(Exception exception, Guid channelId, string channelName);
}
