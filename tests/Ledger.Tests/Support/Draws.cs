using Platform.Ledger.Holds;

namespace Platform.Ledger.Tests.Support;

internal static class Draws
{
    /// <summary>
    /// A call drawing from <paramref name="budgetId"/>: gpt-4o-2024-05-13 at 1.375 coins per prompt token (its $5 per
    /// 1M x 1.1 for the OpenAI group), so the default 8 tokens cost 11 coins.
    /// </summary>
    public static SettleCall Draw(string requestId, string budgetId, long promptTokens = 8) =>
        new(requestId, new("gpt-4o-2024-05-13", PromptTokens: promptTokens), KeyId: "key-1", ChannelId: "channel-1", BudgetId: budgetId);
}
