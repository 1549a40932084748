using Platform.Identity.Keys;
using Platform.Identity.Users;

namespace Platform.Identity.Auth;

/// <summary>Who a valid secret belongs to; <paramref name="KeyId"/> and <paramref name="Key"/> are null for a management token.</summary>
internal sealed record AuthenticatedPrincipal(CredentialKind Kind, Guid UserId, TierStanding Standing, Guid? KeyId, KeySettings? Key, long SpentMicroCoins);
