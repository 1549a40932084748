namespace Platform.Ledger.Holds;

/// <summary>A row of ledger_settle.</summary>
internal sealed record SettleRow(string Status, Guid AccountId, long? Cost, long? Charged, long? WrittenOff, int? PriceVersion,
    long Balance, long Held, bool Replayed)
{
    public const string Columns = "status, account_id AS AccountId, cost, charged, written_off AS WrittenOff, price_version AS PriceVersion, balance, held, replayed";

    /// <summary>Why a hold in this state cannot be settled; null when it was (or is now) settled.</summary>
    public string? Refusal(string requestId) => HoldStore.ParseStatus(Status) switch
    {
        HoldStatus.Refused => $"hold '{requestId}' was refused for insufficient balance, so the call should not have run; nothing was settled",
        HoldStatus.Voided => $"hold '{requestId}' was voided; a voided hold cannot be settled, bill the call under a new request_id",
        _ => null,
    };

    public SettleOutcome ToOutcome() =>
        new(Cost!.Value, Charged!.Value, WrittenOff!.Value, PriceVersion!.Value, new(Balance, Held), Replayed);
}
