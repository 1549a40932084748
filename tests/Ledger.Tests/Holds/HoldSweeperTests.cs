using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

public sealed class HoldSweeperTests(PlatformInfrastructure infrastructure)
{
    private const long Coin = Coins.MicroPerCoin;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweeper_ReleasesExpiredHoldsOnlyAndALateSettleStillCharges()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);
        await ledger.Holds.HoldAsync("short-1", wallet, 2 * Coin, TimeSpan.FromSeconds(1), Ct);
        await ledger.Holds.HoldAsync("short-2", wallet, 3 * Coin, TimeSpan.FromSeconds(1), Ct);
        await ledger.Holds.HoldAsync("long", wallet, 4 * Coin, null, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);

        var released = await ledger.Sweeper.SweepOnceAsync(Ct);
        var again = await ledger.Sweeper.SweepOnceAsync(Ct);

        Assert.Equal(2, released);
        Assert.Equal(0, again);
        Assert.Equal(new(10 * Coin, 4 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        Assert.Equal(HoldStatus.Expired, (await ledger.Holds.VoidAsync("short-1", Ct)).Status);
        await Assert.ThrowsAsync<HoldStateException>(() => ledger.Holds.RenewAsync("short-2", null, Ct));

        // The call behind an expired hold did happen: it is billed from what is available (6 coins).
        var late = await ledger.Holds.SettleAsync(new SettleCall("short-2", new("gpt-4o-2024-05-13", PromptTokens: 8)), Ct);
        Assert.Equal(new SettleOutcome(11 * Coin, 6 * Coin, 5 * Coin, 1, new(4 * Coin, 4 * Coin), false), late);
        await LedgerInvariants.AssertAsync(ledger.Db);
    }
}
