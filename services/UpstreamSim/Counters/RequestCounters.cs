using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Platform.UpstreamSim.Counters;

/// <summary>Requests received, so tests can assert how many upstream calls a relay made.</summary>
internal sealed class RequestCounters
{
    private long _total;
    private long _faults;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _aborted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _abortedAt = new(StringComparer.Ordinal);

    public void Request(string endpoint, string? tag)
    {
        Interlocked.Increment(ref _total);
        Increment(_endpoints, endpoint);
        if (tag is not null)
        {
            Increment(_tags, tag);
        }
    }

    public void Model(string model) => Increment(_models, model);

    /// <summary>A tagged request's client went away before the answer ended (a relay cancelling its upstream call).</summary>
    public void Aborted(string tag)
    {
        Increment(_aborted, tag);
        _abortedAt[tag] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    public void Fault() => Interlocked.Increment(ref _faults);

    public CountersSnapshot Snapshot() => new(
        Interlocked.Read(ref _total), Interlocked.Read(ref _faults), Copy(_endpoints), Copy(_models), Copy(_tags), Copy(_aborted),
        new SortedDictionary<string, long>(_abortedAt, StringComparer.Ordinal));

    public void Reset()
    {
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _faults, 0);
        _endpoints.Clear();
        _models.Clear();
        _tags.Clear();
        _aborted.Clear();
        _abortedAt.Clear();
    }

    private static void Increment(ConcurrentDictionary<string, StrongBox<long>> counters, string key) =>
        Interlocked.Increment(ref counters.GetOrAdd(key, static _ => new StrongBox<long>()).Value);

    private static SortedDictionary<string, long> Copy(ConcurrentDictionary<string, StrongBox<long>> counters) =>
        new(counters.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value)), StringComparer.Ordinal);
}
