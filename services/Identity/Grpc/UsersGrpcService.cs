using Platform.Contracts.Identity.V1;
using Platform.Grpc.Server;
using Platform.Identity.Paging;
using Platform.Identity.Secrets;
using Platform.Identity.Users;

namespace Platform.Identity.Grpc;

/// <summary>identity.v1.Users: validates and translates; UserRegistration and UserStore decide.</summary>
internal sealed class UsersGrpcService(UserRegistration registration, UserStore users, TimeProvider clock)
{
    public Task<CreateUserReply> CreateUser(CreateUserRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var now = clock.GetUtcNow();
        var (user, token) = await registration.RegisterAsync(UsersRequests.NewUser(request, now), context.CancellationToken);
        return new CreateUserReply { User = IdentityMessages.ToMessage(user, now), ManagementToken = token.Secret };
    });

    public Task<User> GetUser(GetUserRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
        IdentityMessages.ToMessage(await users.GetAsync(IdentityRequests.Id(request.UserId, "user_id"), context.CancellationToken), clock.GetUtcNow()));

    public Task<ListUsersReply> ListUsers(ListUsersRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var page = await users.ListAsync(IdentityRequests.PageToken(request.PageToken), IdentityRequests.PageSize(request.PageSize), context.CancellationToken);
        var now = clock.GetUtcNow();
        return new ListUsersReply { Users = { page.Items.Select(user => IdentityMessages.ToMessage(user, now)) }, NextPageToken = PageToken.From(page.Next) };
    });

    public Task<User> UpdateUser(UpdateUserRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var userId = IdentityRequests.Id(request.UserId, "user_id");
        var name = request.HasName ? IdentityRequests.Name(request.Name, "name", UsersRequests.NameAdvice) : null;
        var user = await users.UpdateAsync(userId, name, request.HasDisabled ? request.Disabled : null, context.CancellationToken);
        return IdentityMessages.ToMessage(user, clock.GetUtcNow());
    });

    public Task<ManagementToken> GetManagementToken(GetManagementTokenRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
        IdentityMessages.ToMessage(await users.GetManagementTokenAsync(IdentityRequests.Id(request.UserId, "user_id"), context.CancellationToken)));

    public Task<RotateManagementTokenReply> RotateManagementToken(RotateManagementTokenRequest request, ServerCallContext context) =>
        DomainErrors.Translate(async () =>
        {
            var userId = IdentityRequests.Id(request.UserId, "user_id");
            var token = IssuedSecret.Generate(SecretFormat.ManagementTokenPrefix);
            var info = await users.RotateManagementTokenAsync(userId, token, context.CancellationToken);
            return new RotateManagementTokenReply { ManagementToken = token.Secret, Info = IdentityMessages.ToMessage(info) };
        });
}
