namespace Platform.Pricing;

/// <summary>The currency a catalog price is written in; official prices are USD, Chinese providers' are CNY.</summary>
public enum PriceCurrency
{
    Usd,
    Cny,
    Coins,
}
