using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Account;

/// <summary>The wallet in micro-coins (held = reserved by calls in flight), and what is available as decimal strings.</summary>
internal sealed record BalanceView(
    long BalanceMicroCoins,
    long HeldMicroCoins,
    long AvailableMicroCoins,
    string AvailableCoins,
    string AvailableUsd,
    string AvailableCny)
{
    public static BalanceView From(BalanceReply reply) => new(
        reply.BalanceMicroCoins, reply.HeldMicroCoins, reply.AvailableMicroCoins, reply.AvailableCoins, reply.AvailableUsd, reply.AvailableCny);
}
