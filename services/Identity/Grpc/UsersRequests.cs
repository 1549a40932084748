using System.Net.Mail;
using Platform.Contracts.Identity.V1;
using Platform.Identity.Users;

namespace Platform.Identity.Grpc;

/// <summary>Checks and converts Users request fields; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class UsersRequests
{
    public const int MaxEmailLength = 254;
    public const string NameAdvice = "give the name operators will know the user by";

    public static NewUser NewUser(CreateUserRequest request, DateTimeOffset now)
    {
        if (request.Email.Length == 0 && request.Name.Length == 0)
        {
            throw IdentityRequests.Invalid("give the user an email, a name or both");
        }
        return new NewUser(
            request.Email.Length == 0 ? null : Email(request.Email),
            request.Name.Length == 0 ? null : IdentityRequests.Name(request.Name, "name", NameAdvice),
            Standing(request, now));
    }

    private static string Email(string email) =>
        email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var address) && address.Address == email && address.DisplayName.Length == 0
            ? email
            : throw IdentityRequests.Invalid($"email '{email}' is not a plain email address of up to {MaxEmailLength} characters; write it as name@example.com");

    private static TierStanding Standing(CreateUserRequest request, DateTimeOffset now)
    {
        var tier = request.Tier switch
        {
            UserTier.Unspecified or UserTier.Free => MembershipTier.Free,
            UserTier.Vip => MembershipTier.Vip,
            UserTier.Premium => MembershipTier.Premium,
            _ => throw IdentityRequests.Invalid($"tier {(int)request.Tier} is unknown; use USER_TIER_FREE, USER_TIER_VIP or USER_TIER_PREMIUM"),
        };
        if (request.TierExpiresAt is null)
        {
            return new TierStanding(tier, null);
        }
        return tier == MembershipTier.Free
            ? throw IdentityRequests.Invalid("tier_expires_at needs tier USER_TIER_VIP or USER_TIER_PREMIUM: the free tier does not lapse")
            : new TierStanding(tier, IdentityRequests.Future(request.TierExpiresAt, "tier_expires_at", now, "give a later time, or leave it unset for a tier without end"));
    }
}
