namespace Platform.Redis.Connections;

/// <summary>How long to wait before the next connect attempt: doubling from 100 ms up to a cap, with jitter.</summary>
internal static class ReconnectBackoff
{
    private const double InitialMilliseconds = 100;

    public static TimeSpan Delay(int failures, TimeSpan max)
    {
        var exponential = InitialMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        // Jitter keeps many clients of one server from reconnecting in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
