namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// This replica's budget on one wallet: a ledger hold of <see cref="Amount"/> (every coin ever reserved on it), of
/// which settled calls drew <see cref="Drawn"/> and calls in flight have <see cref="Reserved"/> promised to them.
/// Mutable state guarded by locking the instance (see <see cref="WalletBudgets"/>).
/// </summary>
internal sealed class WalletBudget(Guid accountId)
{
    public Guid AccountId { get; } = accountId;

    /// <summary>The hold's request_id; a new one is drawn for each try until a hold exists (a refused hold's id is spent).</summary>
    public string Id { get; set; } = NewId();

    /// <summary>True once the ledger holds <see cref="Amount"/> under <see cref="Id"/>.</summary>
    public bool Opened { get; set; }

    /// <summary>True once taken out of service: new calls open a new budget, this one is voided or was lost.</summary>
    public bool Closed { get; set; }

    public long Amount { get; set; }

    public long Drawn { get; set; }

    public long Reserved { get; set; }

    /// <summary>Reservations not yet settled or cancelled; a budget is closed only when none are left.</summary>
    public int Outstanding { get; set; }

    /// <summary>The headroom the last raise asked for; a raise ahead of need starts when less than half of it is left.</summary>
    public long Headroom { get; set; }

    public long LastUsedAt { get; set; }

    public long RenewedAt { get; set; }

    /// <summary>The raise in flight, shared by every call that waits for it.</summary>
    public Task<RaiseOutcome>? Raising { get; set; }

    /// <summary>What calls can still reserve without asking the ledger.</summary>
    public long Available => Amount - Drawn - Reserved;

    public static string NewId() => $"bud_{Guid.CreateVersion7():N}";
}
