namespace Platform.Redis.RateLimiting;

/// <summary>The answer of <see cref="RedisAdmission.TryAdmitAsync"/>.</summary>
/// <param name="RefusedIndex">-1 when admitted; otherwise the first check that refused: a rate's index, or the number of rates for the slot.</param>
/// <param name="Remaining">When admitted: how many more units the first rate allows right now (0 without rates); 0 when refused.</param>
/// <param name="RetryAfter">When a rate refused: how long until it would allow the call; zero when admitted or refused by the slot (which frees when a call ends).</param>
public readonly record struct AdmissionResult(int RefusedIndex, long Remaining, TimeSpan RetryAfter)
{
    /// <summary>Whether every check passed (and all of them were updated); when false, none was.</summary>
    public bool Admitted => RefusedIndex < 0;
}
