using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>Off-peak hours [start_hour, end_hour) at utc_offset_minutes, and weekends if set, cost factor times the price.</summary>
internal sealed record OffPeakView(int UtcOffsetMinutes, int StartHour, int EndHour, bool Weekends, string Factor)
{
    public static OffPeakView? From(OffPeak? offPeak) => offPeak is null
        ? null
        : new(offPeak.UtcOffsetMinutes, offPeak.StartHour, offPeak.EndHour, offPeak.Weekends, offPeak.Factor);
}
