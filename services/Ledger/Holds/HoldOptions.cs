namespace Platform.Ledger.Holds;

/// <summary>Configuration section <c>Ledger:Holds</c>.</summary>
internal sealed class HoldOptions
{
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Longest a hold may be given at once; a long call renews instead.</summary>
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    public int SweepBatchSize { get; set; } = 500;
}
