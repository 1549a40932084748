namespace Platform.Ledger.Usage;

/// <summary>Which of one user's usage records to read: those created in [From, To), optionally of one model and one key.</summary>
internal sealed record UsageQuery(Guid AccountId, DateTimeOffset From, DateTimeOffset To, string? Model = null, string? KeyId = null);
