namespace Platform.EdgeRelay.Channels.Health;

/// <summary>The outcome of <see cref="ChannelCheck"/>: success, or the first key's failure with the upstream's status when there was one.</summary>
internal sealed record ChannelCheckResult(ChannelFailure? Failure, int? Status, string? Error, TimeSpan Elapsed)
{
    public bool Ok => Failure is null;
}
