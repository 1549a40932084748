namespace Platform.Grpc;

/// <summary>
/// One custom metadata header. A key ending in <c>-bin</c> carries bytes (base64 on the wire);
/// any other key carries printable ASCII text.
/// </summary>
public sealed class MetadataEntry
{
    private readonly string? _value;
    private readonly byte[]? _valueBytes;

    internal MetadataEntry(string key, string value)
    {
        Key = key;
        _value = value;
    }

    internal MetadataEntry(string key, byte[] valueBytes)
    {
        Key = key;
        _valueBytes = valueBytes;
    }

    /// <summary>The lower-case header name.</summary>
    public string Key { get; }

    /// <summary>Whether the key ends in <c>-bin</c>, so the value is <see cref="ValueBytes"/>.</summary>
    public bool IsBinary => _valueBytes is not null;

    /// <summary>The text value.</summary>
    /// <exception cref="InvalidOperationException">The entry is binary.</exception>
    public string Value => _value ?? throw new InvalidOperationException(
        $"Metadata '{Key}' is binary; read {nameof(ValueBytes)} instead.");

    /// <summary>The binary value.</summary>
    /// <exception cref="InvalidOperationException">The entry is text.</exception>
    public byte[] ValueBytes => _valueBytes ?? throw new InvalidOperationException(
        $"Metadata '{Key}' is text; read {nameof(Value)} instead.");

    /// <inheritdoc />
    public override string ToString() => IsBinary ? $"{Key}: <{_valueBytes!.Length} bytes>" : $"{Key}: {_value}";
}
