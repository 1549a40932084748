namespace Platform.EdgeRelay.Management.Users;

/// <summary>
/// POST /admin/v1/users/{id}/credits: amount_micro_coins or amount_coins (a decimal string, e.g. "12.5"), and a
/// request_id that makes a retry credit once.
/// </summary>
internal sealed record CreditBody
{
    public long? AmountMicroCoins { get; init; }
    public string? AmountCoins { get; init; }
    public string? RequestId { get; init; }
    public string? Reason { get; init; }
}
