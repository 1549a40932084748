using System.Text.Json.Serialization;
using Platform.Contracts.Identity.V1;

namespace Platform.EdgeRelay.Management.Users;

/// <summary>A user for operators.</summary>
internal sealed record UserView(
    Guid Id,
    string? Email,
    string? Name,
    string Tier,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? TierExpiresAt,
    bool Disabled,
    DateTimeOffset CreatedAt)
{
    public static UserView From(User user) => new(
        Guid.Parse(user.UserId),
        user.Email.Length == 0 ? null : user.Email,
        user.Name.Length == 0 ? null : user.Name,
        user.Tier switch
        {
            UserTier.Premium => "premium",
            UserTier.Vip => "vip",
            _ => "free",
        },
        user.TierExpiresAt.ToNullable(),
        user.Disabled,
        user.CreatedAt.ToDateTimeOffset());
}
