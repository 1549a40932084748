namespace Platform.UpstreamSim.Control;

/// <summary>How one request is served: configured defaults overlaid by the request's <c>x-sim</c> header.</summary>
internal sealed record SimDirectives
{
    public static SimDirectives None { get; } = new();

    public TimeSpan TimeToFirstToken { get; init; }

    /// <summary>Tokens per second after the first; 0 means as fast as the connection takes them.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Completion length in tokens; null lets the seed choose (still capped by max_tokens).</summary>
    public int? Tokens { get; init; }

    public int? FailStatus { get; init; }

    /// <summary>Streams fail after this many events; null fails before the response starts.</summary>
    public int? FailAfterChunks { get; init; }

    /// <summary>Stall before responding; <see cref="Timeout.InfiniteTimeSpan"/> stalls until the client leaves.</summary>
    public TimeSpan? Hang { get; init; }

    public int? HangAfterChunks { get; init; }

    public bool Disconnect { get; init; }

    public int? DisconnectAfterChunks { get; init; }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Groups requests in the counters, so parallel tests can each count their own calls.</summary>
    public string? Tag { get; init; }

    /// <summary>Mixed into the content seed: the same request with another seed gets another answer.</summary>
    public long Seed { get; init; }
}
