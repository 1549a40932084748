using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Json;
using Platform.EdgeRelay.Management.Paging;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Users;

/// <summary><c>/admin/v1/users</c>: users for operators (identity's Users service).</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder admin)
    {
        var users = admin.MapGroup("/users").WithTags("Users");
        users.MapPost("/", CreateAsync).WithName("CreateUser");
        users.MapGet("/", ListAsync).WithName("ListUsers");
        users.MapGet("/{id:guid}", GetAsync).WithName("GetUser");
        users.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateUser");
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var body = await JsonBody.ReadAsync<CreateUserBody>(context);
        var request = new CreateUserRequest
        {
            Email = body.Email ?? "",
            Name = body.Name ?? "",
            Tier = body.Tier switch
            {
                null or "free" => UserTier.Free,
                "vip" => UserTier.Vip,
                "premium" => UserTier.Premium,
                var other => throw new InvalidRequestException($"tier '{other}' is not one of free, vip, premium", "tier"),
            },
            TierExpiresAt = body.TierExpiresAt.ToTimestamp(),
        };
        var reply = await Users(channels).UnaryAsync<CreateUserRequest, CreateUserReply>("CreateUser", request, GrpcCalls.Options(context));
        return TypedResults.Created($"/admin/v1/users/{reply.User.UserId}", new CreatedUserView(UserView.From(reply.User), reply.ManagementToken));
    }

    private static async Task<IResult> ListAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var page = PageQuery.From(context.Request, maxLimit: 200);
        var reply = await Users(channels).UnaryAsync<ListUsersRequest, ListUsersReply>("ListUsers",
            new ListUsersRequest { PageSize = page.Limit, PageToken = page.PageToken }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(Page<UserView>.Of(reply.Users.Select(UserView.From), reply.NextPageToken));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, GrpcChannelProvider channels) =>
        TypedResults.Ok(UserView.From(await GetUserAsync(id, context, channels)));

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext context, GrpcChannelProvider channels, PrincipalCache principals)
    {
        var body = await JsonBody.ReadAsync<UpdateUserBody>(context);
        var request = new UpdateUserRequest { UserId = id.ToString() };
        if (body.Name is { } name)
        {
            request.Name = name;
        }
        if (body.Disabled is { } disabled)
        {
            request.Disabled = disabled;
        }
        var user = await Users(channels).UnaryAsync<UpdateUserRequest, User>("UpdateUser", request, GrpcCalls.Options(context));
        // identity's UserDisabled evicts on every replica; this one stops the user's secrets before answering.
        principals.Evict(null, id);
        return TypedResults.Ok(UserView.From(user));
    }

    /// <summary>The user, or NOT_FOUND (answered 404) for an unknown id.</summary>
    public static async Task<User> GetUserAsync(Guid id, HttpContext context, GrpcChannelProvider channels) =>
        await Users(channels).UnaryAsync<GetUserRequest, User>("GetUser", new GetUserRequest { UserId = id.ToString() }, GrpcCalls.Options(context, idempotent: true));

    private static GrpcCaller Users(GrpcChannelProvider channels) => channels.CreateCaller("identity", UsersReflection.Descriptor.Services[0]);
}
