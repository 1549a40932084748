using Platform.Contracts.Identity.V1;
using Platform.Grpc.Server;
using Platform.Identity.Keys;
using Platform.Identity.Paging;
using Platform.Identity.Secrets;

namespace Platform.Identity.Grpc;

/// <summary>identity.v1.Keys: validates and translates; the stores decide.</summary>
internal sealed class KeysGrpcService(KeyStore keys, SpendStore spends, TimeProvider clock)
{
    public Task<CreateKeyReply> CreateKey(CreateKeyRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var userId = IdentityRequests.Id(request.UserId, "user_id");
        var settings = KeysRequests.Settings(request, clock.GetUtcNow());
        var secret = IssuedSecret.Generate(SecretFormat.ApiKeyPrefix);
        var key = await keys.CreateAsync(userId, settings, secret, context.CancellationToken);
        return new CreateKeyReply { Key = IdentityMessages.ToMessage(key), Secret = secret.Secret };
    });

    public Task<ListKeysReply> ListKeys(ListKeysRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var userId = IdentityRequests.Id(request.UserId, "user_id");
        var page = await keys.ListAsync(userId, IdentityRequests.PageToken(request.PageToken), IdentityRequests.PageSize(request.PageSize),
            context.CancellationToken);
        return new ListKeysReply { Keys = { page.Items.Select(IdentityMessages.ToMessage) }, NextPageToken = PageToken.From(page.Next) };
    });

    public Task<ApiKey> GetKey(GetKeyRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
        IdentityMessages.ToMessage(await keys.GetAsync(
            IdentityRequests.Id(request.UserId, "user_id"), IdentityRequests.Id(request.KeyId, "key_id"), context.CancellationToken)));

    public Task<ApiKey> UpdateKey(UpdateKeyRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var userId = IdentityRequests.Id(request.UserId, "user_id");
        var keyId = IdentityRequests.Id(request.KeyId, "key_id");
        var update = KeysRequests.Update(request, clock.GetUtcNow());
        return IdentityMessages.ToMessage(await keys.UpdateAsync(userId, keyId, update, context.CancellationToken));
    });

    public Task<DeleteKeyReply> DeleteKey(DeleteKeyRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
        new DeleteKeyReply
        {
            Revoked = await keys.RevokeAsync(
                IdentityRequests.Id(request.UserId, "user_id"), IdentityRequests.Id(request.KeyId, "key_id"), context.CancellationToken),
        });

    public Task<RecordSpendReply> RecordSpend(RecordSpendRequest request, ServerCallContext context) => DomainErrors.Translate(async () =>
    {
        var outcome = await spends.RecordAsync(IdentityRequests.Id(request.KeyId, "key_id"), KeysRequests.RequestId(request.RequestId),
            KeysRequests.Amount(request.AmountMicroCoins), context.CancellationToken);
        var reply = new RecordSpendReply { SpentMicroCoins = outcome.SpentMicroCoins, QuotaSpent = outcome.QuotaSpent, Replayed = outcome.Replayed };
        if (outcome.QuotaMicroCoins is { } quota)
        {
            reply.QuotaMicroCoins = quota;
        }
        return reply;
    });
}
