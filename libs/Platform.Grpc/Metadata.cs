using System.Collections;
using Platform.Grpc.Protocol;

namespace Platform.Grpc;

/// <summary>
/// Custom gRPC metadata: request headers, response headers or trailers. Keys are
/// case-insensitive (stored lower-case) and may repeat; order is kept.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    private readonly List<MetadataEntry> _entries = [];
    private string? _readOnlyReason;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry at <paramref name="index"/>.</summary>
    public MetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    /// <param name="key">Header name: <c>0-9 a-z _ - .</c> (upper case is lowered), not starting with <c>grpc-</c>, not ending with <c>-bin</c>.</param>
    /// <param name="value">Printable ASCII (0x20-0x7E); use a <c>-bin</c> key for anything else.</param>
    /// <exception cref="ArgumentException">The key or value is not allowed.</exception>
    public void Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        key = MetadataRules.ValidateKey(key, binary: false);
        MetadataRules.ValidateAsciiValue(key, value);
        ThrowIfReadOnly();
        _entries.Add(new MetadataEntry(key, value));
    }

    /// <summary>Adds a binary entry (sent base64-encoded).</summary>
    /// <param name="key">Header name ending with <c>-bin</c>.</param>
    /// <param name="value">Any bytes.</param>
    /// <exception cref="ArgumentException">The key is not allowed.</exception>
    public void Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        key = MetadataRules.ValidateKey(key, binary: true);
        ThrowIfReadOnly();
        _entries.Add(new MetadataEntry(key, value));
    }

    /// <summary>The last text value for <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) => Find(key) is { IsBinary: false } entry ? entry.Value : null;

    /// <summary>The last binary value for <paramref name="key"/>, or null.</summary>
    public byte[]? GetValueBytes(string key) => Find(key) is { IsBinary: true } entry ? entry.ValueBytes : null;

    /// <summary>Enumerates the entries in order.</summary>
    public List<MetadataEntry>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<MetadataEntry> IEnumerable<MetadataEntry>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>Adds an entry received from the wire; the peer's names and values are taken as they are.</summary>
    internal void AddReceived(MetadataEntry entry) => _entries.Add(entry);

    /// <summary>Response headers become read-only once sent, so a late change fails loudly instead of vanishing.</summary>
    internal void MakeReadOnly(string reason) => _readOnlyReason = reason;

    private MetadataEntry? Find(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }
        return null;
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnlyReason is not null)
        {
            throw new InvalidOperationException(_readOnlyReason);
        }
    }
}
