using System.Text.Json.Serialization;

namespace Platform.EdgeRelay.Json;

/// <summary>
/// A field of a partial update: unset when the JSON leaves it out, set (possibly to null) when the JSON has it, so that
/// <c>{"quota_micro_coins": null}</c> (remove the cap) differs from <c>{}</c> (keep it).
/// </summary>
[JsonConverter(typeof(OptionalJsonConverterFactory))]
internal readonly struct Optional<T>
{
    private readonly T _value;

    public Optional(T value)
    {
        _value = value;
        IsSet = true;
    }

    public bool IsSet { get; }

    public T Value => IsSet ? _value : throw new InvalidOperationException("the field was not given");

    /// <summary>The given value, or <paramref name="current"/> when the field was left out.</summary>
    public T Or(T current) => IsSet ? Value : current;

    public static implicit operator Optional<T>(T value) => new(value);
}
