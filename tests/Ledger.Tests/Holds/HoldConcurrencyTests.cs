using Dapper;
using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

public sealed class HoldConcurrencyTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Hold_ThousandConcurrentOneCoinHoldsOnHundredCoins_ExactlyHundredSucceed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lowestAvailable = long.MaxValue;
        var watcher = Task.Run(async () =>
        {
            await using var connection = await ledger.Db.OpenConnectionAsync(ct);
            while (!stop.IsCancellationRequested)
            {
                var available = await connection.ExecuteScalarAsync<long>("SELECT balance - held FROM accounts WHERE id = @wallet", new { wallet });
                lowestAvailable = Math.Min(lowestAvailable, available);
            }
        }, ct);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(() => ledger.Holds.HoldAsync($"race-{i}", wallet, Coins.MicroPerCoin, null, ct), ct)));
        await stop.CancelAsync();
        await watcher;

        Assert.Equal(100, outcomes.Count(o => o.Status == HoldStatus.Active));
        Assert.Equal(900, outcomes.Count(o => o.Status == HoldStatus.Refused));
        Assert.True(lowestAvailable >= 0, $"available balance was seen at {lowestAvailable}");
        Assert.Equal(new(100 * Coins.MicroPerCoin, 100 * Coins.MicroPerCoin), await ledger.Accounts.GetBalanceAsync(wallet, ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Settle_ConcurrentReplaysChargeOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(100);
        await ledger.Holds.HoldAsync("once", wallet, 10 * Coins.MicroPerCoin, null, ct);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => ledger.Holds.SettleAsync(new SettleCall("once", new("gpt-4o-2024-05-13", PromptTokens: 10)), ct), ct)));

        Assert.Single(outcomes, o => !o.Replayed);
        // 10 tokens x 1.25 coins x 1.1 (OpenAI group) = 13.75 coins, above the 10-coin hold.
        Assert.All(outcomes, o => Assert.Equal(13_750_000, o.Charged));
        Assert.Equal(new(86_250_000, 0), await ledger.Accounts.GetBalanceAsync(wallet, ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }
}
