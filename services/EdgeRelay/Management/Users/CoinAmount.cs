using System.Globalization;
using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Management.Users;

/// <summary>An operator's credit amount: whole micro-coins, or coins as a decimal string with at most six decimals.</summary>
internal static class CoinAmount
{
    private const decimal MicroPerCoin = 1_000_000m;

    public static long MicroCoins(long? microCoins, string? coins)
    {
        if (microCoins is not null == coins is not null)
        {
            throw new InvalidRequestException("give the amount once: amount_micro_coins (an integer) or amount_coins (a decimal string such as \"12.5\")", "amount_micro_coins");
        }
        if (microCoins is { } exact)
        {
            return exact > 0 ? exact : throw new InvalidRequestException($"amount_micro_coins must be positive, not {exact}", "amount_micro_coins");
        }
        if (!decimal.TryParse(coins, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0
            || value * MicroPerCoin != decimal.Truncate(value * MicroPerCoin) || value * MicroPerCoin > long.MaxValue)
        {
            throw new InvalidRequestException($"amount_coins '{coins}' must be a positive decimal string with at most 6 decimals, such as \"12.5\"", "amount_coins");
        }
        return (long)(value * MicroPerCoin);
    }
}
