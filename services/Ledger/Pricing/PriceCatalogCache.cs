using Platform.Pricing;

namespace Platform.Ledger.Pricing;

/// <summary>
/// The current catalog for the hot path. Rechecks the version number at most every few seconds, so a change published
/// by any replica applies everywhere within that time without a query per call.
/// </summary>
internal sealed class PriceCatalogCache(PriceCatalogStore store, TimeProvider clock)
{
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Entry? _entry;

    public async ValueTask<CatalogVersion> CurrentAsync(CancellationToken cancellationToken)
    {
        var entry = _entry;
        if (entry is not null && clock.GetElapsedTime(entry.CheckedAt) < RecheckAfter)
        {
            return entry.Current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            entry = _entry;
            if (entry is not null && clock.GetElapsedTime(entry.CheckedAt) < RecheckAfter)
            {
                return entry.Current;
            }
            var latest = await store.LatestVersionNumberAsync(cancellationToken)
                ?? throw new InvalidOperationException("no price catalog is published; the ledger seeds one at start-up");
            var current = entry?.Current.Version == latest
                ? entry.Current
                : await store.LatestAsync(cancellationToken) ?? throw new InvalidOperationException("the price catalog disappeared");
            _entry = new Entry(current, clock.GetTimestamp());
            return current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Makes the next read fetch the latest version: this replica applies its own change at once.</summary>
    public void Invalidate() => _entry = null;

    private sealed record Entry(CatalogVersion Current, long CheckedAt);
}
