namespace Platform.EdgeRelay.Management.Usage;

/// <summary>GET /api/v1/usage/stats: buckets ordered by period start, then model; periods without calls are absent.</summary>
internal sealed record UsageStatsView(string GroupBy, IReadOnlyList<UsageBucketView> Buckets);
