using Platform.Pricing;

namespace Platform.Ledger.Recharges;

/// <summary>A payment amount in whole cents (at most two decimals) and what it buys, converted exactly.</summary>
internal readonly record struct RechargeAmount(decimal Amount, RechargeCurrency Currency)
{
    public const decimal Maximum = 100_000m;

    public long MicroCoins => ToMicroCoins(Amount, Currency);

    public string Code => Currency == RechargeCurrency.Cny ? "CNY" : "USD";

    public static long ToMicroCoins(decimal amount, RechargeCurrency currency) =>
        (long)(amount * (currency == RechargeCurrency.Cny ? Coins.PerCny : Coins.PerUsd) * Coins.MicroPerCoin);

    public static RechargeCurrency? ParseCurrency(string code) => code.ToUpperInvariant() switch
    {
        "CNY" => RechargeCurrency.Cny,
        "USD" => RechargeCurrency.Usd,
        _ => null,
    };
}
