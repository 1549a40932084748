using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>A finished call waiting to be settled: what the ledger needs to price and book it, and the reservation it draws on.</summary>
internal sealed record SettleWork(
    string RequestId, EdgePrincipal Principal, string Model, ReportedUsage Usage, Guid? ChannelId, int UploadMs, int DurationMs, string? ClientIp,
    string Status, BudgetReservation Reservation)
{
    public SettleRequest ToRequest() => new()
    {
        RequestId = RequestId,
        BudgetId = Reservation.Budget.Id,
        Usage = new Usage
        {
            Model = Model,
            PromptTokens = Usage.PromptTokens,
            CompletionTokens = Usage.CompletionTokens,
            CachedTokens = Math.Min(Usage.CachedTokens, Usage.PromptTokens),
            AudioInputTokens = Math.Min(Usage.AudioInputTokens, Math.Max(0, Usage.PromptTokens - Usage.CachedTokens)),
            AudioOutputTokens = Math.Min(Usage.AudioOutputTokens, Usage.CompletionTokens),
        },
        KeyId = Principal.KeyId?.ToString() ?? "",
        ChannelId = ChannelId?.ToString() ?? "",
        UploadMs = UploadMs,
        DurationMs = DurationMs,
        ClientIp = ClientIp ?? "",
        Status = Status,
    };
}
