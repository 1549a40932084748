using Dapper;
using Platform.Ledger.Accounts;
using Platform.Ledger.Memberships;
using Platform.Ledger.Recharges;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Recharges;

/// <summary>Applying payment notifications against the real ledgerdb: credit once, double entry, events, VIP.</summary>
public sealed class RechargePaymentTests(PlatformInfrastructure infrastructure)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly RechargeAmount TwentyCny = new(20m, RechargeCurrency.Cny);

    [Fact]
    public async Task Paid_CreditsTheWalletOnce_BalancedWithItsEvents()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var order = await CreateAsync(ledger, user, TwentyCny);

        var first = await Recharges(ledger).ApplyAsync("sandbox", Paid(order), Ct);
        var replay = await Recharges(ledger).ApplyAsync("sandbox", Paid(order), Ct);

        Assert.Equal((PaymentOutcome.Credited, PaymentOutcome.AlreadyFinal), (first, replay));
        Assert.Equal(new WalletBalance(680_000 * Coins.MicroPerCoin, 0), await ledger.Accounts.GetBalanceAsync(user, Ct));
        var stored = await Recharges(ledger).GetAsync(order.Id, Ct);
        Assert.Equal(RechargeOrderStatus.Paid, stored!.Status);
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        var postings = (await connection.QueryAsync<(Guid Account, long Amount)>(
            "SELECT p.account_id, p.amount FROM postings p JOIN journal_entries e ON e.id = p.entry_id WHERE e.reference = @reference",
            new { reference = $"recharge:{order.Id}" })).ToList();
        Assert.Equal([(user, 680_000 * Coins.MicroPerCoin), (PlatformAccounts.PaymentClearing, -680_000 * Coins.MicroPerCoin)],
            postings.OrderByDescending(p => p.Amount));
        Assert.Equal(["BalanceChanged", "MembershipChanged"], await EventsAboutAsync(ledger, user));
        Assert.Equal(stored.PaidAt!.Value.AddMonths(1), (await Memberships(ledger).GetAsync(user, Ct)).VipExpiresAt);
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task UnpaidOrders_ExpireAfterTheirTime_AndALatePaymentIsStillCredited()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var old = await CreateAsync(ledger, user, TwentyCny);
        var cutoff = DateTimeOffset.UtcNow;
        var recent = await CreateAsync(ledger, user, TwentyCny);

        var expired = await Recharges(ledger).ExpirePendingAsync(cutoff, Ct);
        var again = await Recharges(ledger).ExpirePendingAsync(cutoff, Ct);
        var statuses = ((await Recharges(ledger).GetAsync(old.Id, Ct))!.Status, (await Recharges(ledger).GetAsync(recent.Id, Ct))!.Status);
        var late = await Recharges(ledger).ApplyAsync("sandbox", Paid(old), Ct);

        Assert.Equal((1, 0), (expired, again));
        Assert.Equal((RechargeOrderStatus.Expired, RechargeOrderStatus.Pending), statuses);
        Assert.Equal(PaymentOutcome.Credited, late);
        Assert.Equal(RechargeOrderStatus.Paid, (await Recharges(ledger).GetAsync(old.Id, Ct))!.Status);
        Assert.Equal(680_000 * Coins.MicroPerCoin, (await ledger.Accounts.GetBalanceAsync(user, Ct)).Balance);
    }

    [Fact]
    public async Task ConcurrentReplays_CreditOnce()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var order = await CreateAsync(ledger, user, new RechargeAmount(1.5m, RechargeCurrency.Usd));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Recharges(ledger).ApplyAsync("sandbox", Paid(order), Ct))));

        Assert.Single(outcomes, o => o == PaymentOutcome.Credited);
        Assert.All(outcomes.Where(o => o != PaymentOutcome.Credited), o => Assert.Equal(PaymentOutcome.AlreadyFinal, o));
        Assert.Equal(375_000 * Coins.MicroPerCoin, (await ledger.Accounts.GetBalanceAsync(user, Ct)).Balance);
        Assert.Equal(["BalanceChanged"], await EventsAboutAsync(ledger, user));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task TwoTwentiesPaidConcurrently_GiveSixMonthsFromTheFirst()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var orders = await Task.WhenAll(CreateAsync(ledger, user, TwentyCny), CreateAsync(ledger, user, TwentyCny));

        await Task.WhenAll(orders.Select(order => Task.Run(() => Recharges(ledger).ApplyAsync("sandbox", Paid(order), Ct))));

        var firstPaid = (await Task.WhenAll(orders.Select(order => Recharges(ledger).GetAsync(order.Id, Ct)))).Min(order => order!.PaidAt!.Value);
        Assert.Equal(firstPaid.AddMonths(6), (await Memberships(ledger).GetAsync(user, Ct)).VipExpiresAt);
        Assert.Equal(1_360_000 * Coins.MicroPerCoin, (await ledger.Accounts.GetBalanceAsync(user, Ct)).Balance);
    }

    [Fact]
    public async Task NineteenNinetyNine_CreditsWithoutVip()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var order = await CreateAsync(ledger, user, new RechargeAmount(19.99m, RechargeCurrency.Cny));

        await Recharges(ledger).ApplyAsync("sandbox", Paid(order), Ct);

        Assert.Equal(679_660 * Coins.MicroPerCoin, (await ledger.Accounts.GetBalanceAsync(user, Ct)).Balance);
        Assert.Null((await Memberships(ledger).GetAsync(user, Ct)).VipExpiresAt);
        Assert.Equal(["BalanceChanged"], await EventsAboutAsync(ledger, user));
    }

    [Fact]
    public async Task MismatchedAmountOrReference_ChangesNothing_AndFailureIsFinalOnlyUntilPaid()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var order = await CreateAsync(ledger, user, TwentyCny);

        var cheaper = await Recharges(ledger).ApplyAsync("sandbox", Paid(order) with { Amount = new RechargeAmount(2m, RechargeCurrency.Cny) }, Ct);
        var otherCurrency = await Recharges(ledger).ApplyAsync("sandbox", Paid(order) with { Amount = new RechargeAmount(20m, RechargeCurrency.Usd) }, Ct);
        var otherReference = await Recharges(ledger).ApplyAsync("sandbox", Paid(order) with { ProviderReference = "sbx_forged" }, Ct);
        var unknown = await Recharges(ledger).ApplyAsync("sandbox", Paid(order) with { OrderId = Guid.NewGuid() }, Ct);
        var failed = await Recharges(ledger).ApplyAsync("sandbox", Paid(order) with { Paid = false }, Ct);
        var paidAfterFailure = await Recharges(ledger).ApplyAsync("sandbox", Paid(order), Ct);
        var failedAfterPayment = await Recharges(ledger).ApplyAsync("sandbox", Paid(order) with { Paid = false }, Ct);

        Assert.Equal([PaymentOutcome.Mismatch, PaymentOutcome.Mismatch, PaymentOutcome.Mismatch, PaymentOutcome.UnknownOrder,
            PaymentOutcome.MarkedFailed, PaymentOutcome.Credited, PaymentOutcome.AlreadyFinal],
            [cheaper, otherCurrency, otherReference, unknown, failed, paidAfterFailure, failedAfterPayment]);
        Assert.Equal(RechargeOrderStatus.Paid, (await Recharges(ledger).GetAsync(order.Id, Ct))!.Status);
        Assert.Equal(680_000 * Coins.MicroPerCoin, (await ledger.Accounts.GetBalanceAsync(user, Ct)).Balance);
    }

    [Fact]
    public async Task ListOrders_PagesNewestFirst()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var created = new List<RechargeOrder>();
        for (var i = 1; i <= 3; i++)
        {
            created.Add(await CreateAsync(ledger, user, new RechargeAmount(i, RechargeCurrency.Cny)));
        }
        await CreateAsync(ledger, Guid.NewGuid(), TwentyCny);

        var firstPage = await Recharges(ledger).ListAsync(user, after: null, limit: 2, Ct);
        var secondPage = await Recharges(ledger).ListAsync(user, firstPage[^1].Id, limit: 2, Ct);

        Assert.Equal([created[2].Id, created[1].Id], firstPage.Select(o => o.Id));
        Assert.Equal([created[0].Id], secondPage.Select(o => o.Id));
    }

    private static RechargeStore Recharges(LedgerHost ledger) => ledger.Get<RechargeStore>();

    private static MembershipStore Memberships(LedgerHost ledger) => ledger.Get<MembershipStore>();

    private static Task<RechargeOrder> CreateAsync(LedgerHost ledger, Guid user, RechargeAmount amount) =>
        Recharges(ledger).CreateAsync(user, amount, ledger.Get<IPaymentProvider>(), Ct);

    private static PaymentNotification Paid(RechargeOrder order) => new(order.Id, order.ProviderReference, Paid: true, order.Amount);

    /// <summary>The short type names of the outbox events about <paramref name="user"/>, in order.</summary>
    private static async Task<List<string>> EventsAboutAsync(LedgerHost ledger, Guid user)
    {
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        var types = await connection.QueryAsync<string>(
            """
            SELECT message_type FROM outbox
            WHERE payload ->> 'accountId' = @id OR payload ->> 'userId' = @id
            ORDER BY sequence
            """,
            new { id = user.ToString() });
        return types.Select(type => type.Split(',')[0].Split('.')[^1]).ToList();
    }
}
