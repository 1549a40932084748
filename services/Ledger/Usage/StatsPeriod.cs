namespace Platform.Ledger.Usage;

internal enum StatsPeriod
{
    Hour,
    Day,
    Month,
    Total,
}
