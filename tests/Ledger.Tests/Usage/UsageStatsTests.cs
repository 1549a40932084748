using System.Text.RegularExpressions;
using Dapper;
using Platform.Ledger.Tests.Support;
using Platform.Ledger.Usage;
using Platform.Testing;

namespace Platform.Ledger.Tests.Usage;

public sealed class UsageStatsTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateTimeOffset Day = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stats_SumPerPeriodStartingInTheCallersTimeZone_AndPerModel()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var store = ledger.Get<UsageQueryStore>();
        var user = Guid.NewGuid();
        // 23:30 and 00:30 in Shanghai (UTC+8): one UTC day, two Shanghai days.
        await UsageSeed.InsertAsync(ledger.Db, user, Day.AddHours(15.5), "a", model: "gpt-4o", promptTokens: 100, completionTokens: 10, cost: 1_000);
        await UsageSeed.InsertAsync(ledger.Db, user, Day.AddHours(16.5), "b", model: "gpt-4o", promptTokens: 200, completionTokens: 20, cost: 2_000);
        await UsageSeed.InsertAsync(ledger.Db, user, Day.AddHours(16.75), "c", model: "claude-3-5-sonnet", promptTokens: 400, completionTokens: 40, cost: 4_000);
        await UsageSeed.InsertAsync(ledger.Db, Guid.NewGuid(), Day.AddHours(16.5), "other-user", cost: 8_000);
        var query = new UsageQuery(user, Day, Day.AddDays(2));

        async Task<(DateTime, string?, long, long, long)[]> Stats(StatsPeriod period, string zone, bool byModel = false) =>
            (await store.StatsAsync(query, period, zone, byModel, Ct)).Select(b => (b.PeriodStart, b.Model, b.Requests, b.PromptTokens, b.Cost)).ToArray();

        Assert.Equal([(Day.UtcDateTime, null, 3, 700, 7_000)], await Stats(StatsPeriod.Day, "UTC"));
        Assert.Equal(
            [(Day.AddHours(-8).UtcDateTime, null, 1, 100, 1_000), (Day.AddHours(16).UtcDateTime, null, 2, 600, 6_000)],
            await Stats(StatsPeriod.Day, "Asia/Shanghai"));
        Assert.Equal(
            [(Day.AddHours(16).UtcDateTime, "claude-3-5-sonnet", 1, 400, 4_000), (Day.AddHours(16).UtcDateTime, "gpt-4o", 1, 200, 2_000)],
            (await Stats(StatsPeriod.Hour, "Asia/Shanghai", byModel: true))[1..]);
        Assert.Equal([(Day.AddHours(-8).UtcDateTime, null, 3, 700, 7_000)], await Stats(StatsPeriod.Month, "Asia/Shanghai"));
        Assert.Equal(
            [(Day.UtcDateTime, "claude-3-5-sonnet", 1, 400, 4_000), (Day.UtcDateTime, "gpt-4o", 2, 300, 3_000)],
            await Stats(StatsPeriod.Total, "UTC", byModel: true));
    }

    [Theory]
    [InlineData(nameof(StatsPeriod.Day), false)]
    [InlineData(nameof(StatsPeriod.Total), true)]
    public async Task Stats_ScanOnlyThePartitionsOfTheRange(string periodName, bool byModel)
    {
        var period = Enum.Parse<StatsPeriod>(periodName);
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        await UsageSeed.EnsurePartitionsAsync(ledger.Db, Day.AddMonths(-2), Day.AddMonths(3));
        var query = new UsageQuery(Guid.NewGuid(), Day.AddDays(10), Day.AddMonths(1).AddDays(5), "gpt-4o");

        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        var plan = string.Join('\n', await connection.QueryAsync<string>(
            "EXPLAIN " + UsageQueryStore.StatsSql(query, period, byModel),
            new { account = query.AccountId, from = query.From.UtcDateTime, to = query.To.UtcDateTime, model = query.Model, unit = "day", zone = "UTC" }));

        var scanned = Regex.Matches(plan, @"usage_records_\d{4}_\d{2}").Select(m => m.Value).Distinct().Order();
        Assert.Equal(["usage_records_2025_03", "usage_records_2025_04"], scanned);
    }
}
