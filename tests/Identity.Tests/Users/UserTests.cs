using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Identity.Tests.Support;
using Platform.Testing;

namespace Platform.Identity.Tests.Users;

[Collection(IdentityCollection.Name)]
public sealed class UserTests(IdentityProcess identity)
{
    [Fact]
    public async Task CreateUser_OpensTheLedgerWallet_AndIssuesAManagementToken()
    {
        var email = $"Ada-{Guid.NewGuid():N}@Example.com";
        var created = await identity.Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest
        {
            Email = email, Name = "Ada", Tier = UserTier.Vip, TierExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
        });
        var userId = created.User.UserId;

        var wallet = await identity.Ledger.CallAsync<OpenAccountRequest, OpenAccountReply>("OpenAccount", new OpenAccountRequest { AccountId = userId });
        var balance = await identity.Ledger.CallAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = userId });
        var got = await identity.Users.CallAsync<GetUserRequest, User>("GetUser", new GetUserRequest { UserId = userId });
        var token = await identity.Users.CallAsync<GetManagementTokenRequest, ManagementToken>("GetManagementToken", new GetManagementTokenRequest { UserId = userId });

        Assert.False(wallet.Created, "Identity should have opened the wallet before storing the user");
        Assert.Equal(0, balance.BalanceMicroCoins);
        Assert.Equal(created.User, got);
        Assert.Equal((email, "Ada", UserTier.Vip, false), (got.Email, got.Name, got.Tier, got.Disabled));
        Assert.Matches("^mt-[0-9A-Za-z]{49}$", created.ManagementToken);
        Assert.Equal((created.ManagementToken[..7], created.ManagementToken[^4..]), (token.DisplayPrefix, token.LastFour));
        Assert.Equal(userId, (await identity.AuthenticateAsync(created.ManagementToken)).Principal.UserId);
    }

    [Fact]
    public async Task Email_IsUniqueRegardlessOfCase()
    {
        var email = $"grace-{Guid.NewGuid():N}@example.com";
        await identity.Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = email });

        var again = await Assert.ThrowsAsync<RpcException>(() =>
            identity.Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = email.ToUpperInvariant() }));

        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Contains(email.ToUpperInvariant(), again.Detail);
    }

    [Theory]
    [InlineData("", "", "give the user an email, a name or both")]
    [InlineData("not-an-email", "", "email 'not-an-email' is not a plain email address")]
    [InlineData("Ada <ada@example.com>", "", "is not a plain email address")]
    [InlineData("", "\t", "name must be 1 to 64 characters")]
    public async Task BadInput_IsInvalidArgument_SayingWhatToFix(string email, string name, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            identity.Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser", new CreateUserRequest { Email = email, Name = name }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Detail);
    }

    [Fact]
    public async Task TierExpiry_MustBeInTheFuture_AndNeedsAPaidTier()
    {
        var past = await Assert.ThrowsAsync<RpcException>(() => identity.Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser",
            new CreateUserRequest { Name = "x", Tier = UserTier.Premium, TierExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)) }));
        var free = await Assert.ThrowsAsync<RpcException>(() => identity.Users.CallAsync<CreateUserRequest, CreateUserReply>("CreateUser",
            new CreateUserRequest { Name = "x", TierExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) }));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (past.StatusCode, free.StatusCode));
        Assert.Contains("tier_expires_at", past.Detail);
        Assert.Contains("is not in the future", past.Detail);
        Assert.Contains("the free tier does not lapse", free.Detail);
    }

    [Fact]
    public async Task UnknownUsers_AreNotFound_AndUpdateRenames()
    {
        var nobody = Guid.NewGuid().ToString();
        var get = await Assert.ThrowsAsync<RpcException>(() => identity.Users.CallAsync<GetUserRequest, User>("GetUser", new GetUserRequest { UserId = nobody }));
        var update = await Assert.ThrowsAsync<RpcException>(() => identity.Users.CallAsync<UpdateUserRequest, User>("UpdateUser", new UpdateUserRequest { UserId = nobody, Disabled = true }));
        var rotate = await Assert.ThrowsAsync<RpcException>(() => identity.Users.CallAsync<RotateManagementTokenRequest, RotateManagementTokenReply>(
            "RotateManagementToken", new RotateManagementTokenRequest { UserId = nobody }));
        var user = await identity.NewUserAsync();

        var renamed = await identity.Users.CallAsync<UpdateUserRequest, User>("UpdateUser", new UpdateUserRequest { UserId = user.User.UserId, Name = "Renamed" });

        Assert.All(new[] { get, update, rotate }, error => Assert.Equal(StatusCode.NotFound, error.StatusCode));
        Assert.Contains(nobody, get.Detail);
        Assert.Equal(user.User.Clone().With(u => u.Name = "Renamed"), renamed);
    }

    [Fact]
    public async Task ListUsers_PagesNewestFirst()
    {
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await identity.NewUserAsync()).User.UserId);
        }

        var first = await identity.Users.CallAsync<ListUsersRequest, ListUsersReply>("ListUsers", new ListUsersRequest { PageSize = 2 });
        var second = await identity.Users.CallAsync<ListUsersRequest, ListUsersReply>("ListUsers", new ListUsersRequest { PageSize = 2, PageToken = first.NextPageToken });
        var badToken = await Assert.ThrowsAsync<RpcException>(() =>
            identity.Users.CallAsync<ListUsersRequest, ListUsersReply>("ListUsers", new ListUsersRequest { PageToken = "forged" }));

        // Tests of the same process run one after another, so the three newest users are these.
        Assert.Equal([mine[2], mine[1]], first.Users.Select(u => u.UserId));
        Assert.Equal(mine[0], second.Users[0].UserId);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
    }
}
