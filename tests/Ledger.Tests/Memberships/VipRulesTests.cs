using Platform.Ledger.Memberships;
using Platform.Ledger.Recharges;

namespace Platform.Ledger.Tests.Memberships;

public sealed class VipRulesTests
{
    private static readonly DateTimeOffset Jan1 = new(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static PaidRecharge Cny(DateTimeOffset paidAt, decimal yuan) => new(paidAt, RechargeAmount.ToMicroCoins(yuan, RechargeCurrency.Cny));

    [Fact]
    public void FaqExample_TwentyAgainAfterVipExpired_GivesFiveMoreMonths()
    {
        var first = Cny(Jan1, 20m);
        var second = Cny(new DateTimeOffset(2025, 2, 15, 0, 0, 0, TimeSpan.Zero), 20m);

        Assert.Equal(Jan1.AddMonths(1), VipRules.ExpiresAt([first]));
        Assert.Equal(Jan1.AddMonths(6), VipRules.ExpiresAt([first, second]));
        Assert.Equal(VipRules.ExpiresAt([first])!.Value.AddMonths(5), VipRules.ExpiresAt([first, second]));
    }

    [Fact]
    public void ExactlyTwentyCny_GivesOneMonth_AndNineteenNinetyNineNothing()
    {
        Assert.Equal(Jan1.AddMonths(1), VipRules.ExpiresAt([Cny(Jan1, 20m)]));
        Assert.Null(VipRules.ExpiresAt([Cny(Jan1, 19.99m)]));
        Assert.Null(VipRules.ExpiresAt([Cny(Jan1, 19.99m), Cny(Jan1.AddDays(1), 19.99m)]));
    }

    [Fact]
    public void FortyCnyInOnePayment_GivesSixMonths_AndThirtyNineNinetyNineOneMonth()
    {
        Assert.Equal(Jan1.AddMonths(6), VipRules.ExpiresAt([Cny(Jan1, 40m)]));
        Assert.Equal(Jan1.AddMonths(1), VipRules.ExpiresAt([Cny(Jan1, 39.99m)]));
    }

    [Fact]
    public void SmallPaymentsAddUpWithinTheWindow()
    {
        Assert.Equal(Jan1.AddMonths(6), VipRules.ExpiresAt([Cny(Jan1, 10m), Cny(Jan1.AddMonths(2), 10m), Cny(Jan1.AddMonths(5), 20m)]));
        Assert.Equal(Jan1.AddMonths(5).AddMonths(1), VipRules.ExpiresAt([Cny(Jan1, 10m), Cny(Jan1.AddMonths(5), 20m), Cny(Jan1.AddMonths(6), 10m)]));
    }

    [Fact]
    public void TwoTwentiesSixMonthsApart_AreTwoSeparateMonths()
    {
        var atSixMonths = Jan1.AddMonths(6);

        Assert.Equal(atSixMonths.AddMonths(1), VipRules.ExpiresAt([Cny(Jan1, 20m), Cny(atSixMonths, 20m)]));
    }

    [Fact]
    public void TheWindowEndsSixMonthsAfterItsFirstPayment_Exclusive()
    {
        var atSixMonths = Jan1.AddMonths(6);

        Assert.Equal(atSixMonths, VipRules.ExpiresAt([Cny(Jan1, 30m), Cny(atSixMonths.AddTicks(-1), 10m)]));
        Assert.Equal(Jan1.AddMonths(1), VipRules.ExpiresAt([Cny(Jan1, 30m), Cny(atSixMonths, 10m)]));
    }

    [Fact]
    public void AnEarlierLongerPeriod_IsNotShortenedByALaterPayment()
    {
        Assert.Equal(Jan1.AddMonths(6), VipRules.ExpiresAt([Cny(Jan1, 40m), Cny(Jan1.AddMonths(1), 20m)]));
    }

    [Fact]
    public void UsdRecharges_CountAtTheirExactCoinValue()
    {
        // 2.72 USD = 680,000 coins = 20 CNY exactly.
        Assert.Equal(VipRules.OneMonthMinimum, RechargeAmount.ToMicroCoins(2.72m, RechargeCurrency.Usd));
        Assert.Equal(Jan1.AddMonths(1), VipRules.ExpiresAt([new PaidRecharge(Jan1, RechargeAmount.ToMicroCoins(2.72m, RechargeCurrency.Usd))]));
        Assert.Null(VipRules.ExpiresAt([new PaidRecharge(Jan1, RechargeAmount.ToMicroCoins(2.71m, RechargeCurrency.Usd))]));
    }
}
