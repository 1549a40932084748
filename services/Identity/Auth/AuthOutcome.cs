namespace Platform.Identity.Auth;

/// <summary>A principal, or the reason there is none.</summary>
internal sealed record AuthOutcome(AuthenticatedPrincipal? Principal, AuthFailure? Failure)
{
    public static AuthOutcome Refused(AuthFailure failure) => new(null, failure);

    public static AuthOutcome Accepted(AuthenticatedPrincipal principal) => new(principal, null);
}
