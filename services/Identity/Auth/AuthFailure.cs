namespace Platform.Identity.Auth;

/// <summary>Why a presented secret does not authenticate, in the order the checks run.</summary>
internal enum AuthFailure
{
    Malformed,
    Unknown,
    Revoked,
    UserDisabled,
    Expired,
    IpNotAllowed,
    QuotaSpent,
}
