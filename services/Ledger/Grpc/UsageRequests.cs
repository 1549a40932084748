using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Ledger.Usage;

namespace Platform.Ledger.Grpc;

/// <summary>Checks and converts LedgerUsage request fields; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class UsageRequests
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const string DefaultTimeZone = "Asia/Shanghai";
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);
    private static readonly TimeSpan MaxHourlyRange = TimeSpan.FromDays(31);

    public static UsageQuery Query(UsageFilter? filter, DateTimeOffset now, StatsPeriod? period = null)
    {
        if (filter is null)
        {
            throw LedgerRequests.Invalid("filter is required: set filter.account_id to the user whose usage to read");
        }
        var account = LedgerRequests.Wallet(filter.AccountId);
        var to = filter.To is null ? now : Instant(filter.To, "filter.to");
        var from = filter.From is null ? to - DefaultRange : Instant(filter.From, "filter.from");
        if (from >= to)
        {
            throw LedgerRequests.Invalid($"filter.from ({from:O}) must be before filter.to ({to:O})");
        }
        var maxRange = period == StatsPeriod.Hour ? MaxHourlyRange : MaxRange;
        if (to - from > maxRange)
        {
            var advice = period == StatsPeriod.Hour ? "use USAGE_PERIOD_DAY for longer ranges, or split the range" : "split it into several calls";
            throw LedgerRequests.Invalid(
                $"filter.from to filter.to spans {(to - from).TotalDays:0.##} days; at most {maxRange.TotalDays} days are allowed here, {advice}");
        }
        return new UsageQuery(account, from, to, NullIfEmpty(filter.Model), NullIfEmpty(filter.KeyId));
    }

    public static int PageSize(int pageSize) => pageSize switch
    {
        0 => DefaultPageSize,
        > 0 and <= MaxPageSize => pageSize,
        _ => throw LedgerRequests.Invalid($"page_size must be 1 to {MaxPageSize} (0 for {DefaultPageSize}), not {pageSize}"),
    };

    public static UsageCursor? PageToken(string token) =>
        token.Length == 0 ? null
        : UsageCursor.TryParse(token, out var cursor) ? cursor
        : throw LedgerRequests.Invalid("page_token is not one this service issued; pass next_page_token of the previous page unchanged, or leave it empty for the first page");

    public static ExportFormat Format(UsageExportFormat format) => format switch
    {
        UsageExportFormat.Csv => ExportFormat.Csv,
        UsageExportFormat.Json => ExportFormat.Json,
        _ => throw LedgerRequests.Invalid("set format to USAGE_EXPORT_FORMAT_CSV or USAGE_EXPORT_FORMAT_JSON"),
    };

    public static StatsPeriod Period(UsagePeriod period) => period switch
    {
        UsagePeriod.Hour => StatsPeriod.Hour,
        UsagePeriod.Day => StatsPeriod.Day,
        UsagePeriod.Month => StatsPeriod.Month,
        UsagePeriod.Total => StatsPeriod.Total,
        _ => throw LedgerRequests.Invalid("set period to USAGE_PERIOD_HOUR, _DAY, _MONTH or _TOTAL"),
    };

    /// <summary>An IANA name, which Postgres knows too; Windows names and bare offsets are refused.</summary>
    public static string TimeZone(string name)
    {
        if (name.Length == 0)
        {
            return DefaultTimeZone;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId && zone.Id == name
            ? name
            : throw LedgerRequests.Invalid($"time_zone '{name}' is not an IANA time zone; use a name such as 'UTC', 'Asia/Shanghai' or 'Europe/Berlin', or leave it empty for {DefaultTimeZone}");
    }

    private static DateTimeOffset Instant(Timestamp timestamp, string field)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw LedgerRequests.Invalid($"{field} is not a valid timestamp (seconds {timestamp.Seconds}, nanos {timestamp.Nanos})");
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
