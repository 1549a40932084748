using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Management;
using Platform.EdgeRelay.Management.Account;
using Platform.EdgeRelay.Management.Keys;
using Platform.EdgeRelay.Management.Pricing;
using Platform.EdgeRelay.Management.Recharges;
using Platform.EdgeRelay.Management.Usage;
using Platform.EdgeRelay.Management.Users;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The management API (<c>/api/v1</c>) and the operator API (<c>/admin/v1</c>), forwarded to identity and the ledger over gRPC.</summary>
internal static class ManagementApis
{
    /// <summary>
    /// The user's own account: keys, management token, balance, membership, prices, usage and recharges. The caller is a
    /// management token (mt-...) or an admin key; the user is always the caller's, never one named in a request.
    /// </summary>
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireManagement().TranslateErrors();
        api.MapKeysApi();
        api.MapAccountApi();
        api.MapPricingApi();
        api.MapUsageApi();
        api.MapRechargesApi();
        return app;
    }

    /// <summary>Operators (the admin token): users, their credits and Premium, the price catalog.</summary>
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1").RequireOperator().TranslateErrors();
        admin.MapUsersApi();
        admin.MapUserWalletApi();
        admin.MapPricingAdminApi();
        return app;
    }
}
