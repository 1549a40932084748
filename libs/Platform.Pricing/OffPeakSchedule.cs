namespace Platform.Pricing;

/// <summary>
/// Off-peak hours in the operator's local time (the reference: 00:00-09:00 UTC+8, and weekends all day), during which
/// costs are multiplied by <see cref="Factor"/>.
/// </summary>
public sealed record OffPeakSchedule(int UtcOffsetMinutes, int StartHour, int EndHour, bool Weekends, decimal Factor)
{
    public bool IsOffPeak(DateTimeOffset at)
    {
        var local = at.ToOffset(TimeSpan.FromMinutes(UtcOffsetMinutes));
        return (Weekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            || (local.Hour >= StartHour && local.Hour < EndHour);
    }
}
