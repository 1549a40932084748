namespace Platform.Identity.Keys;

/// <summary>A key's spending after RecordSpend; <paramref name="Replayed"/> when the request had been recorded before.</summary>
internal sealed record SpendOutcome(long SpentMicroCoins, long? QuotaMicroCoins, bool Replayed)
{
    public bool QuotaSpent => SpentMicroCoins >= QuotaMicroCoins;
}
