using System.Net;
using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using Platform.Ledger.Usage;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Usage;

public sealed class UsageQueryTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateTimeOffset MonthStart = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_PagesNewestFirst_WithoutGapsOrDuplicates_AcrossMonthsAndEqualTimes()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var store = ledger.Get<UsageQueryStore>();
        var (user, other) = (Guid.NewGuid(), Guid.NewGuid());
        var expected = new List<(DateTimeOffset, string)>();
        for (var i = 0; i < 24; i++)
        {
            // Six groups of four records with the same time, three groups on each side of the month boundary.
            var at = MonthStart.AddMinutes((i / 4 - 3) * 10);
            await UsageSeed.InsertAsync(ledger.Db, user, at, $"r-{i:D2}");
            await UsageSeed.InsertAsync(ledger.Db, other, at, $"o-{i:D2}");
            expected.Add((at, $"r-{i:D2}"));
        }
        var query = new UsageQuery(user, MonthStart.AddDays(-1), MonthStart.AddDays(1));

        var pages = new List<UsagePage>();
        UsageCursor? after = null;
        do
        {
            pages.Add(await store.ListAsync(query, after, 4, Ct));
            after = pages[^1].Next;
        }
        while (after is not null && pages.Count < 10);

        Assert.Equal(6, pages.Count);
        Assert.All(pages, page => Assert.Equal(4, page.Rows.Count));
        Assert.Equal(
            expected.OrderByDescending(r => r.Item1).ThenByDescending(r => r.Item2, StringComparer.Ordinal),
            pages.SelectMany(page => page.Rows).Select(row => (row.CreatedAt, row.RequestId)));
    }

    [Fact]
    public async Task List_FiltersByHalfOpenRangeModelAndKey()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var store = ledger.Get<UsageQueryStore>();
        var user = Guid.NewGuid();
        await UsageSeed.InsertAsync(ledger.Db, user, MonthStart.AddSeconds(-1), "before");
        await UsageSeed.InsertAsync(ledger.Db, user, MonthStart, "first", model: "gpt-4o", keyId: "key-a");
        await UsageSeed.InsertAsync(ledger.Db, user, MonthStart.AddHours(1), "second", model: "claude-3-5-sonnet", keyId: "key-a");
        await UsageSeed.InsertAsync(ledger.Db, user, MonthStart.AddHours(2), "third", model: "gpt-4o", keyId: "key-b");
        await UsageSeed.InsertAsync(ledger.Db, user, MonthStart.AddHours(3), "at-end");

        async Task<string[]> Ids(string? model = null, string? key = null) =>
            (await store.ListAsync(new UsageQuery(user, MonthStart, MonthStart.AddHours(3), model, key), null, 50, Ct)).Rows.Select(r => r.RequestId).ToArray();

        Assert.Equal(["third", "second", "first"], await Ids());
        Assert.Equal(["third", "first"], await Ids(model: "gpt-4o"));
        Assert.Equal(["second", "first"], await Ids(key: "key-a"));
        Assert.Equal(["first"], await Ids(model: "gpt-4o", key: "key-a"));
    }

    [Fact]
    public async Task SettledCall_ReadsBackWithTimingsClientIpAndTokensPerSecond()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("call-1", wallet, 20 * Coins.MicroPerCoin, null, Ct);
        await ledger.Holds.SettleAsync(new SettleCall("call-1", new("gpt-4o-2024-05-13", PromptTokens: 8, CompletionTokens: 100), "key-1", "channel-9",
            UploadMs: 120, DurationMs: 2_500, ClientIp: IPAddress.Parse("2001:db8::7")), Ct);
        await ledger.Holds.HoldAsync("call-2", wallet, 0, null, Ct);
        await ledger.Holds.SettleAsync(new SettleCall("call-2", new("gpt-4o-2024-05-13", PromptTokens: 1), Status: "client_cancelled"), Ct);

        var now = DateTimeOffset.UtcNow;
        var page = await ledger.Get<UsageQueryStore>().ListAsync(new UsageQuery(wallet, now.AddHours(-1), now.AddHours(1)), null, 10, Ct);

        var timed = Assert.Single(page.Rows, row => row.RequestId == "call-1");
        Assert.Equal(("key-1", "channel-9", "gpt-4o-2024-05-13", 8L, 100L), (timed.KeyId, timed.ChannelId, timed.Model, timed.PromptTokens, timed.CompletionTokens));
        Assert.Equal((120, 2_500, 40d), (timed.UploadMs, timed.DurationMs, timed.TokensPerSecond));
        Assert.Equal(IPAddress.Parse("2001:db8::7"), timed.ClientIp);
        Assert.True(timed.Cost > 0);
        Assert.Contains("\"gpt-4o-2024-05-13\"", timed.PriceSnapshotJson);
        var untimed = Assert.Single(page.Rows, row => row.RequestId == "call-2");
        Assert.Equal((null, null, null, null, "client_cancelled"), (untimed.UploadMs, untimed.DurationMs, untimed.TokensPerSecond, untimed.ClientIp, untimed.Status));
        Assert.Null(page.Next);
    }
}
