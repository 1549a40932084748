using Platform.Grpc;
using Platform.Ledger.Grpc;
using Platform.Ledger.Recharges;

namespace Platform.Ledger.Tests.Recharges;

public sealed class RechargeAmountTests
{
    [Theory]
    [InlineData("20", "CNY", 680_000_000_000L)]
    [InlineData("19.99", "cny", 679_660_000_000L)]
    [InlineData("0.01", "CNY", 340_000_000L)]
    [InlineData("0.01", "USD", 2_500_000_000L)]
    [InlineData("2.72", "USD", 680_000_000_000L)]
    [InlineData("100000", "USD", 25_000_000_000_000_000L)]
    public void Amounts_ConvertToMicroCoinsExactly(string amount, string currency, long microCoins) =>
        Assert.Equal(microCoins, BillingRequests.Amount(amount, currency).MicroCoins);

    [Theory]
    [InlineData("19.999", "CNY")]
    [InlineData("0", "CNY")]
    [InlineData("-1", "CNY")]
    [InlineData("1e3", "CNY")]
    [InlineData("1,000", "CNY")]
    [InlineData("100000.01", "CNY")]
    [InlineData("twenty", "CNY")]
    [InlineData("20", "EUR")]
    public void BadAmounts_AreRefusedWithWhatToFix(string amount, string currency)
    {
        var refused = Assert.Throws<RpcException>(() => BillingRequests.Amount(amount, currency));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(currency == "EUR" ? "CNY or USD" : "at most two decimals", refused.Detail);
    }
}
