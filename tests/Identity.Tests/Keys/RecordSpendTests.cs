using Platform.Contracts.Identity.V1;
using Platform.Grpc;
using Platform.Identity.Tests.Support;
using Platform.Testing;

namespace Platform.Identity.Tests.Keys;

[Collection(IdentityCollection.Name)]
public sealed class RecordSpendTests(IdentityProcess identity)
{
    [Fact]
    public async Task RecordSpend_CountsEachRequestOnce()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId, request => request.QuotaMicroCoins = 1_000_000);
        var spend = new RecordSpendRequest { KeyId = key.Key.KeyId, RequestId = $"call-{Guid.NewGuid():N}", AmountMicroCoins = 250 };

        var first = await Record(spend);
        var replay = await Record(spend);
        // Retries racing each other: still one spend.
        var racing = new RecordSpendRequest { KeyId = key.Key.KeyId, RequestId = $"call-{Guid.NewGuid():N}", AmountMicroCoins = 50 };
        var raced = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Record(racing)));
        var principal = (await identity.AuthenticateAsync(key.Secret)).Principal;

        Assert.Equal((250L, 1_000_000L, false, false), (first.SpentMicroCoins, first.QuotaMicroCoins, first.QuotaSpent, first.Replayed));
        Assert.Equal((250L, true), (replay.SpentMicroCoins, replay.Replayed));
        Assert.Single(raced, reply => !reply.Replayed);
        Assert.All(raced, reply => Assert.Equal(300, reply.SpentMicroCoins));
        Assert.Equal(300, principal.SpentMicroCoins);
    }

    [Fact]
    public async Task ReusedRequestId_WithAnotherAmountOrKey_IsAlreadyExists_AndUnknownKeysAreNotFound()
    {
        var user = await identity.NewUserAsync();
        var key = await identity.NewKeyAsync(user.User.UserId);
        var other = await identity.NewKeyAsync(user.User.UserId);
        var requestId = $"call-{Guid.NewGuid():N}";
        await Record(new RecordSpendRequest { KeyId = key.Key.KeyId, RequestId = requestId, AmountMicroCoins = 7 });

        var otherAmount = await Assert.ThrowsAsync<RpcException>(() => Record(new RecordSpendRequest { KeyId = key.Key.KeyId, RequestId = requestId, AmountMicroCoins = 8 }));
        var otherKey = await Assert.ThrowsAsync<RpcException>(() => Record(new RecordSpendRequest { KeyId = other.Key.KeyId, RequestId = requestId, AmountMicroCoins = 7 }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Record(new RecordSpendRequest { KeyId = Guid.NewGuid().ToString(), RequestId = $"call-{Guid.NewGuid():N}", AmountMicroCoins = 1 }));
        var negative = await Assert.ThrowsAsync<RpcException>(() => Record(new RecordSpendRequest { KeyId = key.Key.KeyId, RequestId = "x", AmountMicroCoins = -1 }));
        var noRequest = await Assert.ThrowsAsync<RpcException>(() => Record(new RecordSpendRequest { KeyId = key.Key.KeyId, AmountMicroCoins = 1 }));

        Assert.Equal((StatusCode.AlreadyExists, StatusCode.AlreadyExists), (otherAmount.StatusCode, otherKey.StatusCode));
        Assert.Contains($"already recorded 7 micro-coins for key {key.Key.KeyId}", otherAmount.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (negative.StatusCode, noRequest.StatusCode));
        Assert.Equal(7, (await identity.AuthenticateAsync(key.Secret)).Principal.SpentMicroCoins);
        Assert.Equal(0, (await identity.AuthenticateAsync(other.Secret)).Principal.SpentMicroCoins);
    }

    private Task<RecordSpendReply> Record(RecordSpendRequest request) => identity.Keys.CallAsync<RecordSpendRequest, RecordSpendReply>("RecordSpend", request);
}
