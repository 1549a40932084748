using Platform.Contracts.Identity.V1;

namespace Platform.EdgeRelay.Auth;

/// <summary>Identity's answer for a secret: a principal, or the reason it was refused.</summary>
internal sealed record AuthResult(EdgePrincipal? Principal, AuthFailureReason Reason)
{
    public static AuthResult From(AuthenticateReply reply) => reply.ResultCase == AuthenticateReply.ResultOneofCase.Principal
        ? new AuthResult(EdgePrincipal.From(reply.Principal), AuthFailureReason.Unspecified)
        : new AuthResult(null, reply.Reason);
}
