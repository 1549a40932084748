using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>Coins per token of each kind, decimal strings, the group multiplier applied.</summary>
internal sealed record TokenCoinsView(string Input, string Output, string CachedInput, string CacheWrite, string AudioInput, string AudioOutput)
{
    public static TokenCoinsView? From(TokenCoins? coins) => coins is null
        ? null
        : new(coins.Input, coins.Output, coins.CachedInput, coins.CacheWrite, coins.AudioInput, coins.AudioOutput);
}
