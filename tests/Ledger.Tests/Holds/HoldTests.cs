using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

public sealed class HoldTests(PlatformInfrastructure infrastructure)
{
    private const long Coin = Coins.MicroPerCoin;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hold_ReservesWithoutChangingBalance()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);

        var hold = await ledger.Holds.HoldAsync("h1", wallet, 3 * Coin, null, Ct);

        Assert.Equal(HoldStatus.Active, hold.Status);
        Assert.Equal(7 * Coin, hold.AvailableAfter);
        Assert.Equal(new(10 * Coin, 3 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Hold_RefusesInsufficientBalanceAndReplayRefusesAgain()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(2);

        var refused = await ledger.Holds.HoldAsync("h1", wallet, 3 * Coin, null, Ct);
        await ledger.Accounts.CreditAsync("topup", wallet, 10 * Coin, Platform.Ledger.Accounts.CreditSourceKind.Payment, Ct);
        var replay = await ledger.Holds.HoldAsync("h1", wallet, 3 * Coin, null, Ct);

        Assert.Equal(HoldStatus.Refused, refused.Status);
        Assert.Equal(2 * Coin, refused.AvailableAfter);
        Assert.Equal(refused with { Replayed = true }, replay);
        Assert.Equal(new(12 * Coin, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
    }

    [Fact]
    public async Task Hold_OnUnknownWalletIsRefused()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);

        var hold = await ledger.Holds.HoldAsync("h1", Guid.NewGuid(), 1, null, Ct);

        Assert.Equal(HoldStatus.Refused, hold.Status);
        Assert.Equal(0, hold.AvailableAfter);
    }

    [Fact]
    public async Task Hold_ReplayReturnsFirstResultAndChangesNothing()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);

        var first = await ledger.Holds.HoldAsync("h1", wallet, 4 * Coin, null, Ct);
        await ledger.Holds.HoldAsync("h2", wallet, 1 * Coin, null, Ct);
        var replay = await ledger.Holds.HoldAsync("h1", wallet, 4 * Coin, null, Ct);

        Assert.Equal(first with { Replayed = true }, replay);
        Assert.Equal(new(10 * Coin, 5 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
    }

    [Fact]
    public async Task Hold_ReplayWithAnotherAmountIsRejected()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);
        await ledger.Holds.HoldAsync("h1", wallet, 4 * Coin, null, Ct);

        var error = await Assert.ThrowsAsync<RequestIdReusedException>(() => ledger.Holds.HoldAsync("h1", wallet, 5 * Coin, null, Ct));

        Assert.Contains("request_id 'h1'", error.Message);
        Assert.Equal(new(10 * Coin, 4 * Coin), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
    }

    [Fact]
    public async Task Void_ReleasesEverythingOnceAndReplaysTheSameAnswer()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);
        await ledger.Holds.HoldAsync("h1", wallet, 4 * Coin, null, Ct);

        var voided = await ledger.Holds.VoidAsync("h1", Ct);
        var replay = await ledger.Holds.VoidAsync("h1", Ct);

        Assert.Equal(new VoidOutcome(HoldStatus.Voided, 4 * Coin, new(10 * Coin, 0), Replayed: false), voided);
        Assert.Equal(voided with { Replayed = true }, replay);
        await Assert.ThrowsAsync<HoldStateException>(() => ledger.Holds.SettleAsync(new SettleCall("h1", new("gpt-4o", PromptTokens: 1)), Ct));
        await Assert.ThrowsAsync<HoldNotFoundException>(() => ledger.Holds.VoidAsync("nope", Ct));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Renew_MovesExpiryOfActiveHoldOnly()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(10);
        var hold = await ledger.Holds.HoldAsync("h1", wallet, Coin, TimeSpan.FromSeconds(30), Ct);

        var renewed = await ledger.Holds.RenewAsync("h1", TimeSpan.FromHours(1), Ct);
        await ledger.Holds.VoidAsync("h1", Ct);

        Assert.True(renewed > hold.ExpiresAt.AddMinutes(50));
        await Assert.ThrowsAsync<HoldStateException>(() => ledger.Holds.RenewAsync("h1", null, Ct));
        await Assert.ThrowsAsync<HoldNotFoundException>(() => ledger.Holds.RenewAsync("nope", null, Ct));
    }
}
