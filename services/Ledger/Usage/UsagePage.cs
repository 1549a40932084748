namespace Platform.Ledger.Usage;

/// <summary>One page, newest first; <paramref name="Next"/> is null on the last page.</summary>
internal sealed record UsagePage(IReadOnlyList<UsageRow> Rows, UsageCursor? Next);
