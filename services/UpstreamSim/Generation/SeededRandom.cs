namespace Platform.UpstreamSim.Generation;

/// <summary>SplitMix64: tiny, fast and identical on every machine, so the same seed gives the same answer.</summary>
internal struct SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>Uniform in [-1, 1).</summary>
    public float NextSigned() => (float)((NextUInt64() >> 11) * (1.0 / (1UL << 53)) * 2.0 - 1.0);
}
