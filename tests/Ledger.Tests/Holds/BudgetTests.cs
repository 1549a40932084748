using Dapper;
using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using static Platform.Ledger.Tests.Support.Draws;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

public sealed class BudgetTests(PlatformInfrastructure infrastructure)
{
    private const long Coin = Coins.MicroPerCoin;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SettleOutcome Settled(SettleItemOutcome item) => item.Settled ?? throw new Xunit.Sdk.XunitException($"item failed: {item.Error}");

    [Fact]
    public async Task Raise_ReservesTheDifferenceAndRenewsExpiry()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        var hold = await ledger.Holds.HoldAsync("bud", wallet, 10 * Coin, TimeSpan.FromMinutes(1), Ct);

        var raised = await ledger.Budgets.RaiseAsync("bud", 30 * Coin, TimeSpan.FromMinutes(10), Ct);

        Assert.Equal((HoldStatus.Active, 30 * Coin, 70 * Coin, false), (raised.Status, raised.Amount, raised.AvailableAfter, raised.Replayed));
        Assert.True(raised.ExpiresAt > hold.ExpiresAt.AddMinutes(8), $"expiry {raised.ExpiresAt} was not renewed from {hold.ExpiresAt}");
        Assert.Equal(new(100 * Coin, 30 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Raise_ToTheSameOrALowerTotalKeepsTheAmountAndOnlyRenews()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        var hold = await ledger.Holds.HoldAsync("bud", wallet, 30 * Coin, TimeSpan.FromMinutes(1), Ct);

        var same = await ledger.Budgets.RaiseAsync("bud", 30 * Coin, TimeSpan.FromMinutes(10), Ct);
        var lower = await ledger.Budgets.RaiseAsync("bud", 5 * Coin, TimeSpan.FromMinutes(20), Ct);

        Assert.Equal((HoldStatus.Active, 30 * Coin, 70 * Coin, true), (same.Status, same.Amount, same.AvailableAfter, same.Replayed));
        Assert.Equal((HoldStatus.Active, 30 * Coin, true), (lower.Status, lower.Amount, lower.Replayed));
        Assert.True(same.ExpiresAt > hold.ExpiresAt.AddMinutes(8));
        Assert.True(lower.ExpiresAt > same.ExpiresAt.AddMinutes(8));
        Assert.Equal(new(100 * Coin, 30 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
    }

    [Fact]
    public async Task Raise_BeyondTheAvailableBalanceChangesNothing()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(50);
        var hold = await ledger.Holds.HoldAsync("bud", wallet, 10 * Coin, TimeSpan.FromMinutes(1), Ct);

        var refused = await ledger.Budgets.RaiseAsync("bud", 61 * Coin, TimeSpan.FromMinutes(10), Ct);
        var exact = await ledger.Budgets.RaiseAsync("bud", 50 * Coin, null, Ct);

        Assert.Equal(new HoldOutcome(HoldStatus.Refused, 10 * Coin, 40 * Coin, hold.ExpiresAt, false), refused);
        Assert.Equal((HoldStatus.Active, 50 * Coin, 0L), (exact.Status, exact.Amount, exact.AvailableAfter));
        Assert.Equal(new(50 * Coin, 50 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Raise_UnknownHoldIsNotFound_InactiveHoldIsAStateError_NegativeTotalIsRefused()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);
        await ledger.Holds.HoldAsync("voided", wallet, Coin, null, Ct);
        await ledger.Holds.VoidAsync("voided", Ct);
        await ledger.Holds.HoldAsync("refused", wallet, 100 * Coin, null, Ct);

        await Assert.ThrowsAsync<HoldNotFoundException>(() => ledger.Budgets.RaiseAsync("missing", Coin, null, Ct));
        var voided = await Assert.ThrowsAsync<HoldStateException>(() => ledger.Budgets.RaiseAsync("voided", 2 * Coin, null, Ct));
        await Assert.ThrowsAsync<HoldStateException>(() => ledger.Budgets.RaiseAsync("refused", 100 * Coin, null, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.Budgets.RaiseAsync("voided", -1, null, Ct));

        Assert.Contains("is voided", voided.Message);
        Assert.Equal(new(10 * Coin, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
    }

    [Fact]
    public async Task Draw_WithinTheBudgetComesOutOfTheBudget()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 33 * Coin, null, Ct);

        var items = await ledger.Budgets.SettleBatchAsync([Draw("d1", "bud"), Draw("d2", "bud")], Ct);

        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(89 * Coin, 22 * Coin), false, 11 * Coin), Settled(items[0]));
        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(78 * Coin, 11 * Coin), false, 11 * Coin), Settled(items[1]));
        Assert.Equal(new(78 * Coin, 11 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(22 * Coin, await connection.ExecuteScalarAsync<long>("SELECT drawn FROM holds WHERE request_id = 'bud'"));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Draw_BeyondTheBudgetsRestTakesTheAvailableBalanceThenWritesOff()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(30);
        await ledger.Holds.HoldAsync("bud", wallet, 20 * Coin, null, Ct);

        var items = await ledger.Budgets.SettleBatchAsync([Draw("d1", "bud"), Draw("d2", "bud"), Draw("d3", "bud")], Ct);

        // 20 in the budget and 10 available pay for 30 of the 33 coins; 3 are written off.
        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(19 * Coin, 9 * Coin), false, 11 * Coin), Settled(items[0]));
        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(8 * Coin, 0), false, 9 * Coin), Settled(items[1]));
        Assert.Equal(new SettleOutcome(11 * Coin, 8 * Coin, 3 * Coin, 1, new(0, 0), false, 0), Settled(items[2]));
        Assert.Equal(new(0, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(-3 * Coin, await connection.ExecuteScalarAsync<long>(
            "SELECT sum(amount)::bigint FROM postings WHERE account_id = '00000000-0000-0000-0000-000000000004'"));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Draw_FromAVoidedOrExpiredBudgetComesOnlyFromTheAvailableBalance()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(40);
        await ledger.Holds.HoldAsync("voided", wallet, 10 * Coin, null, Ct);
        await ledger.Holds.VoidAsync("voided", Ct);
        await ledger.Holds.HoldAsync("expired", wallet, 10 * Coin, TimeSpan.FromSeconds(1), Ct);
        await ledger.Holds.HoldAsync("other", wallet, 15 * Coin, null, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        await ledger.Sweeper.SweepOnceAsync(Ct);

        var items = await ledger.Budgets.SettleBatchAsync([Draw("d1", "voided"), Draw("d2", "expired"), Draw("d3", "expired")], Ct);

        // 25 coins available next to the other hold's 15: 11 + 11, then 3 of the last 11.
        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(29 * Coin, 15 * Coin), false, 0), Settled(items[0]));
        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(18 * Coin, 15 * Coin), false, 0), Settled(items[1]));
        Assert.Equal(new SettleOutcome(11 * Coin, 3 * Coin, 8 * Coin, 1, new(15 * Coin, 15 * Coin), false, 0), Settled(items[2]));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Draw_ReplayReturnsTheFirstResultAndChargesOnce()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 15 * Coin, null, Ct);
        var first = await ledger.Budgets.SettleBatchAsync([Draw("d1", "bud"), Draw("d2", "bud")], Ct);

        var replay = await ledger.Budgets.SettleBatchAsync([Draw("d2", "bud", promptTokens: 800), Draw("d3", "bud"), Draw("d1", "bud")], Ct);

        // A replay answers with the wallet as it is when the replay reaches it.
        Assert.Equal(Settled(first[1]) with { Replayed = true, Wallet = new(78 * Coin, 0) }, Settled(replay[0]));
        Assert.Equal(Settled(first[0]) with { Replayed = true, Wallet = new(67 * Coin, 0) }, Settled(replay[2]));
        Assert.Equal((11 * Coin, 0L, false), (Settled(replay[1]).Charged, Settled(replay[1]).FromBudget, Settled(replay[1]).Replayed));
        Assert.Equal(new(67 * Coin, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM usage_records WHERE request_id IN ('d1', 'd2', 'd3')"));
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM journal_entries WHERE reference IN ('d1', 'd2', 'd3')"));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Void_OfADrawnBudgetReleasesOnlyWhatIsLeft()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 33 * Coin, null, Ct);
        await ledger.Budgets.SettleBatchAsync([Draw("d1", "bud")], Ct);

        var voided = await ledger.Holds.VoidAsync("bud", Ct);
        var replay = await ledger.Holds.VoidAsync("bud", Ct);

        Assert.Equal(new VoidOutcome(HoldStatus.Voided, 22 * Coin, new(89 * Coin, 0), false), voided);
        Assert.Equal(22 * Coin, replay.Released);
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Sweeper_ExpiringADrawnBudgetReleasesOnlyWhatIsLeft()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 33 * Coin, TimeSpan.FromSeconds(1), Ct);
        await ledger.Holds.HoldAsync("long", wallet, 5 * Coin, null, Ct);
        await ledger.Budgets.SettleBatchAsync([Draw("d1", "bud")], Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);

        Assert.Equal(1, await ledger.Sweeper.SweepOnceAsync(Ct));

        Assert.Equal(new(89 * Coin, 5 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Settle_OfADrawnBudgetReleasesOnlyWhatIsLeft()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 33 * Coin, null, Ct);
        await ledger.Budgets.SettleBatchAsync([Draw("d1", "bud")], Ct);

        var settled = await ledger.Holds.SettleAsync(new SettleCall("bud", new("gpt-4o-2024-05-13", PromptTokens: 8)), Ct);

        Assert.Equal(new SettleOutcome(11 * Coin, 11 * Coin, 0, 1, new(78 * Coin, 0), false), settled);
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Draw_WritesAUsageRecordPerDrawAndOneBalanceEventPerWallet()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 30 * Coin, null, Ct);
        await ledger.Holds.HoldAsync("own", wallet, 5 * Coin, null, Ct);
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        const string BalanceEvents =
            "SELECT payload::text FROM outbox WHERE message_type LIKE '%BalanceChanged%' AND payload->>'accountId' = @wallet ORDER BY message_id";
        var before = (await connection.QueryAsync<string>(BalanceEvents, new { wallet = wallet.ToString() })).Count();

        await ledger.Budgets.SettleBatchAsync(
        [
            Draw("d1", "bud") with { KeyId = "key-a", ChannelId = "openai-1", Status = "ok" },
            Draw("d2", "bud", promptTokens: 16) with { KeyId = "key-b", ChannelId = "openai-2", Status = "client_cancelled", UploadMs = 4, DurationMs = 900 },
            new SettleCall("own", new("gpt-4o-2024-05-13", PromptTokens: 8), KeyId: "key-c"),
        ], Ct);

        var records = (await connection.QueryAsync<(string RequestId, Guid AccountId, string KeyId, string? ChannelId, string Status, long Cost, long Charged, int? DurationMs)>(
            "SELECT request_id, account_id, key_id, channel_id, status, cost, charged, duration_ms FROM usage_records ORDER BY request_id")).ToArray();
        Assert.Equal(
        [
            ("d1", wallet, "key-a", "openai-1", "ok", 11 * Coin, 11 * Coin, null),
            ("d2", wallet, "key-b", "openai-2", "client_cancelled", 22 * Coin, 22 * Coin, 900),
            ("own", wallet, "key-c", null, "ok", 11 * Coin, 11 * Coin, null),
        ], records);
        var events = (await connection.QueryAsync<string>(BalanceEvents, new { wallet = wallet.ToString() })).Skip(before).ToArray();
        var final = Assert.Single(events);
        Assert.Contains($"\"balanceMicroCoins\": {56 * Coin}", final);
        Assert.Contains("\"heldMicroCoins\": 0", final);
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task SettleBatch_AnItemThatCannotBeBookedFailsAlone()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("bud", wallet, 30 * Coin, null, Ct);
        await ledger.Holds.HoldAsync("own", wallet, 5 * Coin, null, Ct);
        await ledger.Holds.HoldAsync("voided", wallet, 5 * Coin, null, Ct);
        await ledger.Holds.VoidAsync("voided", Ct);
        await ledger.Holds.HoldAsync("other-bud", wallet, 5 * Coin, null, Ct);
        await ledger.Budgets.SettleBatchAsync([Draw("drawn-elsewhere", "other-bud")], Ct);

        var items = await ledger.Budgets.SettleBatchAsync(
        [
            Draw("d1", "bud"),
            Draw("d2", "no-such-budget"),
            Draw("d3", "bud") with { Usage = new("no-such-model", PromptTokens: 1) },
            Draw("own", "bud"),
            Draw("drawn-elsewhere", "bud"),
            new SettleCall("missing", new("gpt-4o-2024-05-13", PromptTokens: 8)),
            new SettleCall("voided", new("gpt-4o-2024-05-13", PromptTokens: 8)),
            new SettleCall("own", new("gpt-4o-2024-05-13", PromptTokens: 8)),
            Draw("d4", "bud"),
        ], Ct);

        Assert.Equal(11 * Coin, Settled(items[0]).FromBudget);
        Assert.Contains("no budget has request_id 'no-such-budget'", items[1].Error);
        Assert.Contains("no-such-model", items[2].Error);
        Assert.Contains("request_id 'own' is already used", items[3].Error);
        Assert.Contains("request_id 'drawn-elsewhere' is already used", items[4].Error);
        Assert.Contains("no hold has request_id 'missing'", items[5].Error);
        Assert.Contains("was voided", items[6].Error);
        Assert.Equal(11 * Coin, Settled(items[7]).Charged);
        Assert.Equal(11 * Coin, Settled(items[8]).FromBudget);
        Assert.All(new[] { items[1], items[2], items[3], items[4], items[5], items[6] }, item => Assert.Null(item.Settled));
        // 100 - 11 (elsewhere) - 11 - 11 - 11; held: the budget's 8 left and the other budget's nothing.
        Assert.Equal(new(56 * Coin, 8 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM holds WHERE request_id IN ('d2', 'd3')"));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }
}
