using System.Text.Json.Serialization;
using Platform.Contracts.Ledger.V1;

namespace Platform.EdgeRelay.Management.Account;

/// <summary>The tier now ("free", "vip", "premium"), when it lapses (null: never or free) and the end of VIP earned by recharges.</summary>
internal sealed record MembershipView(
    string Tier,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? VipExpiresAt)
{
    public static MembershipView From(MembershipReply reply) => new(
        reply.Tier switch
        {
            MembershipTier.Premium => "premium",
            MembershipTier.Vip => "vip",
            _ => "free",
        },
        reply.ExpiresAt.ToNullable(),
        reply.VipExpiresAt.ToNullable());
}
