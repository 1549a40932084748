using Platform.EdgeRelay.Auth;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>A finished call waiting to be settled: what the ledger needs to price and book it.</summary>
internal sealed record SettleWork(
    string RequestId, EdgePrincipal Principal, string Model, ReportedUsage Usage, Guid? ChannelId, int UploadMs, int DurationMs, string? ClientIp, string Status);
