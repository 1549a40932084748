namespace Platform.Pricing;

/// <summary>
/// Money is a <see langword="long"/> count of micro-coins everywhere in the ledger; this is the one place that knows
/// what a coin is worth (the reference changelog: 1 USD = 250,000 coins, 1 CNY = 34,000 coins).
/// </summary>
public static class Coins
{
    public const long MicroPerCoin = 1_000_000;
    public const decimal PerUsd = 250_000m;
    public const decimal PerCny = 34_000m;

    public static decimal ToCoins(long microCoins) => (decimal)microCoins / MicroPerCoin;

    public static decimal ToUsd(long microCoins) => ToCoins(microCoins) / PerUsd;

    public static decimal ToCny(long microCoins) => ToCoins(microCoins) / PerCny;

    /// <summary>Rounds an exact cost up to whole micro-coins: the platform never undercharges by a fraction.</summary>
    public static long RoundUp(decimal exactMicroCoins) =>
        exactMicroCoins <= long.MaxValue
            ? (long)decimal.Ceiling(exactMicroCoins)
            : throw new OverflowException($"a cost of {exactMicroCoins} micro-coins does not fit the ledger");
}
