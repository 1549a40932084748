namespace Platform.Ledger.Recharges;

internal enum PaymentOutcome
{
    /// <summary>The order became paid: the wallet was credited and the membership recomputed.</summary>
    Credited,
    /// <summary>The order became failed.</summary>
    MarkedFailed,
    /// <summary>The order already had its final state (a replayed webhook, or a failure after payment): nothing changed.</summary>
    AlreadyFinal,
    UnknownOrder,
    /// <summary>The notification's provider, reference, amount or currency differ from the order's: nothing changed.</summary>
    Mismatch,
}
