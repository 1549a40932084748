using System.Text.Json;

namespace Platform.UpstreamSim.Generation;

/// <summary>
/// FNV-1a over what determines the answer (model, prompt text, directive seed), not over the raw body: the same
/// conversation gets the same content whether it is asked streaming or not.
/// </summary>
internal struct ContentSeed()
{
    private ulong _hash = 14695981039346656037UL;

    public void Add(string? text) => Add(text.AsSpan());

    public void Add(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            _hash = (_hash ^ c) * 1099511628211UL;
        }
        _hash = (_hash ^ 0xFF) * 1099511628211UL;
    }

    public void Add(long value)
    {
        _hash = (_hash ^ (ulong)value) * 1099511628211UL;
    }

    /// <summary>Adds a JSON value's text content; objects and arrays contribute their raw JSON.</summary>
    public void Add(JsonElement element) =>
        Add(element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText());

    public readonly ulong Value => _hash;
}
