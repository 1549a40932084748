using Platform.Contracts.Identity;
using Platform.Contracts.Identity.V1;

namespace Platform.EdgeRelay.Auth;

/// <summary>An authenticated caller as the edge uses it: identity's principal plus what the edge derives once per cache entry.</summary>
internal sealed record EdgePrincipal(Principal Principal, Guid UserId, Guid? KeyId, ModelAllowList Models)
{
    public bool IsManagementToken => Principal.Kind == PrincipalKind.ManagementToken;

    /// <summary>Management API: the user's management token or an admin-flag key.</summary>
    public bool MayManage => IsManagementToken || Principal.Admin;

    public static EdgePrincipal From(Principal principal) => new(
        principal,
        Guid.Parse(principal.UserId),
        principal.KeyId.Length == 0 ? null : Guid.Parse(principal.KeyId),
        new ModelAllowList(principal.AllowedModels, principal.CheckModels, principal.Admin));
}
