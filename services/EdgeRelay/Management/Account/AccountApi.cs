using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Auth;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Account;

/// <summary>The caller's balance and membership (ledger) and management token (identity).</summary>
internal static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/balance", BalanceAsync).WithName("GetBalance").WithTags("Account");
        api.MapGet("/membership", MembershipAsync).WithName("GetMembership").WithTags("Account");
        api.MapGet("/management-token", ManagementTokenAsync).WithName("GetManagementToken").WithTags("Account");
        api.MapPost("/management-token/rotate", RotateAsync).WithName("RotateManagementToken").WithTags("Account");
        return api;
    }

    private static async Task<IResult> BalanceAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var reply = await channels.CreateCaller("ledger", LedgerReflection.Descriptor.Services[0]).UnaryAsync<GetBalanceRequest, BalanceReply>("GetBalance",
            new GetBalanceRequest { AccountId = context.Principal().UserId.ToString() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(BalanceView.From(reply));
    }

    private static async Task<IResult> MembershipAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var reply = await channels.CreateCaller("ledger", BillingReflection.Descriptor.Services[0]).UnaryAsync<GetMembershipRequest, MembershipReply>("GetMembership",
            new GetMembershipRequest { UserId = context.Principal().UserId.ToString() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(MembershipView.From(reply));
    }

    private static async Task<IResult> ManagementTokenAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var token = await Users(channels).UnaryAsync<GetManagementTokenRequest, ManagementToken>("GetManagementToken",
            new GetManagementTokenRequest { UserId = context.Principal().UserId.ToString() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(ManagementTokenView.From(token));
    }

    private static async Task<IResult> RotateAsync(HttpContext context, GrpcChannelProvider channels, PrincipalCache principals)
    {
        var userId = context.Principal().UserId;
        var reply = await Users(channels).UnaryAsync<RotateManagementTokenRequest, RotateManagementTokenReply>("RotateManagementToken",
            new RotateManagementTokenRequest { UserId = userId.ToString() }, GrpcCalls.Options(context));
        // identity publishes no event for a rotation: this replica forgets the old token now, others within a minute.
        principals.Evict(null, userId);
        return TypedResults.Ok(ManagementTokenView.From(reply.Info, reply.ManagementToken));
    }

    private static GrpcCaller Users(GrpcChannelProvider channels) => channels.CreateCaller("identity", UsersReflection.Descriptor.Services[0]);
}
