namespace Platform.Ledger.Usage;

internal enum ExportFormat
{
    Csv,
    Json,
}
