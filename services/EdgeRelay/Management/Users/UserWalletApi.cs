using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Json;
using Platform.EdgeRelay.Management.Account;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Users;

/// <summary>
/// Operators' changes to a user's ledger standing: credits and Premium. The user is checked with identity first, since
/// the ledger would open a wallet for any id.
/// </summary>
internal static partial class UserWalletApi
{
    public static RouteGroupBuilder MapUserWalletApi(this RouteGroupBuilder admin)
    {
        var user = admin.MapGroup("/users/{id:guid}").WithTags("Users");
        user.MapPost("/credits", CreditAsync).WithName("CreditUser");
        user.MapPut("/premium", GrantPremiumAsync).WithName("GrantPremium");
        user.MapDelete("/premium", RevokePremiumAsync).WithName("RevokePremium");
        return admin;
    }

    /// <summary>201 for a new credit, 200 with replayed: true for a repeated request_id (same amount: nothing changes).</summary>
    private static async Task<IResult> CreditAsync(Guid id, HttpContext context, GrpcChannelProvider channels, ILoggerFactory loggers)
    {
        var body = await JsonBody.ReadAsync<CreditBody>(context);
        var amount = CoinAmount.MicroCoins(body.AmountMicroCoins, body.AmountCoins);
        if (string.IsNullOrWhiteSpace(body.RequestId))
        {
            throw new InvalidRequestException(
                "request_id is required: an idempotency key you choose (e.g. a UUID); sending it again replays the first credit instead of crediting twice", "request_id");
        }
        await UsersApi.GetUserAsync(id, context, channels);
        var reply = await channels.CreateCaller("ledger", LedgerReflection.Descriptor.Services[0]).UnaryAsync<CreditRequest, CreditReply>("Credit",
            new CreditRequest { RequestId = body.RequestId, AccountId = id.ToString(), AmountMicroCoins = amount, Source = CreditSource.Operator },
            GrpcCalls.Options(context, idempotent: true));
        // The ledger keeps no reason with a credit; the log does.
        LogCredit(loggers.CreateLogger(typeof(UserWalletApi)), amount, id, body.RequestId, reply.Replayed, body.Reason ?? "");
        var view = new CreditView(id, body.RequestId, amount, reply.BalanceMicroCoins, reply.HeldMicroCoins, reply.Replayed);
        return reply.Replayed ? TypedResults.Ok(view) : TypedResults.Created((string?)null, view);
    }

    private static async Task<IResult> GrantPremiumAsync(Guid id, HttpContext context, GrpcChannelProvider channels)
    {
        var body = await JsonBody.ReadAsync<PremiumBody>(context, optional: true);
        await UsersApi.GetUserAsync(id, context, channels);
        var reply = await Billing(channels).UnaryAsync<GrantPremiumRequest, MembershipReply>("GrantPremium",
            new GrantPremiumRequest { UserId = id.ToString(), ExpiresAt = body.ExpiresAt.ToTimestamp() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(MembershipView.From(reply));
    }

    private static async Task<IResult> RevokePremiumAsync(Guid id, HttpContext context, GrpcChannelProvider channels)
    {
        await UsersApi.GetUserAsync(id, context, channels);
        var reply = await Billing(channels).UnaryAsync<RevokePremiumRequest, MembershipReply>("RevokePremium",
            new RevokePremiumRequest { UserId = id.ToString() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(MembershipView.From(reply));
    }

    private static GrpcCaller Billing(GrpcChannelProvider channels) => channels.CreateCaller("ledger", BillingReflection.Descriptor.Services[0]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator credit of {MicroCoins} micro-coins to user {UserId} ({RequestId}, replayed {Replayed}): {Reason}")]
    private static partial void LogCredit(ILogger logger, long microCoins, Guid userId, string requestId, bool replayed, string reason);
}
