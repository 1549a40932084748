using System.Net;
using Platform.Ledger.Pricing;
using Platform.Pricing;

namespace Platform.Ledger.Holds;

/// <summary>
/// What the relay reports when a call ends: its usage and the facts kept on the usage record. With BudgetId (SettleBatch
/// only) the call has no hold of its own and draws its cost from that budget.
/// </summary>
internal sealed record SettleCall(
    string RequestId,
    TokenUsage Usage,
    string? KeyId = null,
    string? ChannelId = null,
    int? UploadMs = null,
    int? DurationMs = null,
    IPAddress? ClientIp = null,
    string Status = "ok",
    string? BudgetId = null);
