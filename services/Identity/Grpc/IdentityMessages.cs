using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Identity.V1;
using Platform.Identity.Auth;
using Platform.Identity.Keys;
using Platform.Identity.Users;

namespace Platform.Identity.Grpc;

/// <summary>Domain records as identity.v1 messages.</summary>
internal static class IdentityMessages
{
    public static ApiKey ToMessage(KeyRecord key)
    {
        var settings = key.Settings;
        var message = new ApiKey
        {
            KeyId = key.Id.ToString(),
            UserId = key.UserId.ToString(),
            Name = settings.Name,
            DisplayPrefix = key.DisplayPrefix,
            LastFour = key.LastFour,
            AllowedModels = { settings.AllowedModels },
            CheckModels = settings.CheckModels,
            Admin = settings.Admin,
            Search = settings.Search,
            SpentMicroCoins = key.SpentMicroCoins,
            ExpiresAt = Time(settings.ExpiresAt),
            AllowedIps = { settings.AllowedIps },
            CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(key.UpdatedAt),
        };
        if (settings.QuotaMicroCoins is { } quota)
        {
            message.QuotaMicroCoins = quota;
        }
        if (settings.RpmLimit is { } rpm)
        {
            message.RpmLimit = rpm;
        }
        if (settings.TpmLimit is { } tpm)
        {
            message.TpmLimit = tpm;
        }
        return message;
    }

    public static User ToMessage(UserRecord user, DateTimeOffset now)
    {
        var standing = user.Standing.At(now);
        return new User
        {
            UserId = user.Id.ToString(),
            Email = user.Email ?? "",
            Name = user.Name ?? "",
            Tier = ToMessage(standing.Tier),
            TierExpiresAt = Time(standing.ExpiresAt),
            Disabled = user.Disabled,
            CreatedAt = Timestamp.FromDateTimeOffset(user.CreatedAt),
        };
    }

    public static ManagementToken ToMessage(ManagementTokenRecord token) => new()
    {
        DisplayPrefix = token.DisplayPrefix,
        LastFour = token.LastFour,
        CreatedAt = Timestamp.FromDateTimeOffset(token.CreatedAt),
    };

    public static Principal ToMessage(AuthenticatedPrincipal principal)
    {
        var message = new Principal
        {
            Kind = principal.Kind == CredentialKind.ApiKey ? PrincipalKind.ApiKey : PrincipalKind.ManagementToken,
            UserId = principal.UserId.ToString(),
            Tier = ToMessage(principal.Standing.Tier),
            TierExpiresAt = Time(principal.Standing.ExpiresAt),
            SpentMicroCoins = principal.SpentMicroCoins,
        };
        if (principal is { KeyId: { } keyId, Key: { } key })
        {
            message.KeyId = keyId.ToString();
            message.KeyName = key.Name;
            message.CheckModels = key.CheckModels;
            message.Admin = key.Admin;
            message.Search = key.Search;
            message.AllowedModels.Add(key.AllowedModels);
            message.AllowedIps.Add(key.AllowedIps);
            message.KeyExpiresAt = Time(key.ExpiresAt);
            if (key.QuotaMicroCoins is { } quota)
            {
                message.QuotaMicroCoins = quota;
            }
            if (key.RpmLimit is { } rpm)
            {
                message.RpmLimit = rpm;
            }
            if (key.TpmLimit is { } tpm)
            {
                message.TpmLimit = tpm;
            }
        }
        return message;
    }

    public static AuthFailureReason ToMessage(AuthFailure failure) => failure switch
    {
        AuthFailure.Malformed => AuthFailureReason.Malformed,
        AuthFailure.Unknown => AuthFailureReason.Unknown,
        AuthFailure.Revoked => AuthFailureReason.Revoked,
        AuthFailure.UserDisabled => AuthFailureReason.UserDisabled,
        AuthFailure.Expired => AuthFailureReason.Expired,
        AuthFailure.IpNotAllowed => AuthFailureReason.IpNotAllowed,
        AuthFailure.QuotaSpent => AuthFailureReason.QuotaSpent,
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };

    private static UserTier ToMessage(MembershipTier tier) => tier switch
    {
        MembershipTier.Vip => UserTier.Vip,
        MembershipTier.Premium => UserTier.Premium,
        _ => UserTier.Free,
    };

    private static Timestamp? Time(DateTimeOffset? value) => value is { } time ? Timestamp.FromDateTimeOffset(time) : null;
}
