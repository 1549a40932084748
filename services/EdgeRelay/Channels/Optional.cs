namespace Platform.EdgeRelay.Channels;

/// <summary>A field of a partial update: left out (keep the current value) or given, possibly as null.</summary>
internal readonly struct Optional<T>(T value)
{
    public bool IsSet { get; } = true;

    public T Value => IsSet ? value : throw new InvalidOperationException("the field was not given");

    public T Or(T current) => IsSet ? value : current;

    public static implicit operator Optional<T>(T value) => new(value);
}
