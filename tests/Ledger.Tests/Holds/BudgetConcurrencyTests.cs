using Dapper;
using Platform.Ledger.Accounts;
using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using static Platform.Ledger.Tests.Support.Draws;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

public sealed class BudgetConcurrencyTests(PlatformInfrastructure infrastructure)
{
    private const long Coin = Coins.MicroPerCoin;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Draw_ReplayedConcurrentlyFromSeveralBatchesIsBookedOnce()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(1_000);
        await ledger.Holds.HoldAsync("bud", wallet, 100 * Coin, null, Ct);
        var draws = Enumerable.Range(0, 50).Select(i => Draw($"d{i}", "bud")).ToArray();

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var calls = draws.OrderBy(_ => Random.Shared.Next()).ToArray();
            return calls.Zip(await ledger.Budgets.SettleBatchAsync(calls, Ct));
        }, Ct)));

        foreach (var answers in batches.SelectMany(batch => batch).GroupBy(pair => pair.First.RequestId, pair => pair.Second.Settled))
        {
            var settled = answers.ToArray();
            Assert.All(settled, Assert.NotNull);
            Assert.Single(settled, s => !s!.Replayed);
            Assert.Single(settled.Select(s => (s!.Cost, s.Charged, s.WrittenOff, s.FromBudget)).Distinct());
        }
        // 50 x 11 coins: 100 from the budget, 450 from the available balance.
        Assert.Equal(new(450 * Coin, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(50, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM usage_records"));
        Assert.Equal(50, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM journal_entries WHERE kind = 'settle'"));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task SettleBatch_RacingRaisesHoldsAndVoidsOnTheWallet_NeverOverdrawsAndBooksEveryCoin()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        const long Funds = 3_000;
        var wallet = await ledger.NewWalletAsync(Funds);
        await ledger.Holds.HoldAsync("bud", wallet, 100 * Coin, null, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (lowestBalance, lowestAvailable) = (long.MaxValue, long.MaxValue);
        var watcher = Task.Run(async () =>
        {
            await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
            while (!stop.IsCancellationRequested)
            {
                var (balance, held) = await connection.QuerySingleAsync<(long, long)>("SELECT balance, held FROM accounts WHERE id = @wallet", new { wallet });
                (lowestBalance, lowestAvailable) = (Math.Min(lowestBalance, balance), Math.Min(lowestAvailable, balance - held));
            }
        }, Ct);
        var raiser = Task.Run(async () =>
        {
            for (var total = 150 * Coin; !stop.IsCancellationRequested; total += 50 * Coin)
            {
                await ledger.Budgets.RaiseAsync("bud", total, null, Ct);
            }
        }, Ct);
        var holders = Enumerable.Range(0, 3).Select(h => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await ledger.Holds.HoldAsync($"hold-{h}-{n}", wallet, 7 * Coin, null, Ct);
                await ledger.Holds.VoidAsync($"hold-{h}-{n}", Ct);
            }
        }, Ct)).ToArray();

        // 20 tasks x 5 batches x 10 draws of 1 to 16 tokens: about 11,700 coins of calls on 3,000 coins of funds.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            var mine = new List<SettleOutcome>();
            for (var b = 0; b < 5; b++)
            {
                var calls = Enumerable.Range(0, 10).Select(i => Draw($"d-{t}-{b}-{i}", "bud", random.Next(1, 17))).ToArray();
                mine.AddRange((await ledger.Budgets.SettleBatchAsync(calls, Ct)).Select(item => item.Settled ?? throw new Xunit.Sdk.XunitException(item.Error)));
            }
            return mine;
        }, Ct)));
        await stop.CancelAsync();
        await Task.WhenAll([watcher, raiser, .. holders]);

        var outcomes = answers.SelectMany(a => a).ToArray();
        Assert.Equal(1_000, outcomes.Length);
        Assert.All(outcomes, o => Assert.False(o.Replayed));
        Assert.True(lowestBalance >= 0 && lowestAvailable >= 0, $"balance was seen at {lowestBalance}, available at {lowestAvailable}");
        var charged = outcomes.Sum(o => o.Charged);
        Assert.Equal(outcomes.Sum(o => o.Cost) - outcomes.Sum(o => o.WrittenOff), charged);
        Assert.True(outcomes.Sum(o => o.WrittenOff) > 0, "the calls were meant to cost more than the wallet holds");
        var after = await ledger.Accounts.GetBalanceAsync(wallet, Ct);
        Assert.Equal(Funds * Coin - charged, after.Balance);
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(-outcomes.Sum(o => o.WrittenOff), await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(amount), 0)::bigint FROM postings WHERE account_id = @WriteOffs", new { PlatformAccounts.WriteOffs }));
        Assert.Equal(outcomes.Sum(o => o.FromBudget), await connection.ExecuteScalarAsync<long>("SELECT drawn FROM holds WHERE request_id = 'bud'"));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }
}
