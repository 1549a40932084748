using System.Net;
using Platform.Ledger.Pricing;
using Platform.Pricing;

namespace Platform.Ledger.Holds;

/// <summary>What the relay reports when a call ends: its usage and the facts kept on the usage record.</summary>
internal sealed record SettleCall(
    string RequestId,
    TokenUsage Usage,
    string? KeyId = null,
    string? ChannelId = null,
    int? UploadMs = null,
    int? DurationMs = null,
    IPAddress? ClientIp = null,
    string Status = "ok");
