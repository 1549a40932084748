using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Json;
using Platform.EdgeRelay.Management.Paging;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Management.Keys;

/// <summary>
/// <c>/api/v1/keys</c>: the caller's API keys, forwarded to identity's Keys service for the authenticated user. Both
/// kinds of management caller (the management token and an admin key) may create and grant admin keys: an admin key
/// can already do everything the management token can.
/// </summary>
internal static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("Keys");
        keys.MapPost("/", CreateAsync).WithName("CreateKey");
        keys.MapGet("/", ListAsync).WithName("ListKeys");
        keys.MapGet("/{id:guid}", GetAsync).WithName("GetKey");
        keys.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateKey");
        keys.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteKey");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var body = await JsonBody.ReadAsync<CreateKeyBody>(context);
        var reply = await Keys(channels).UnaryAsync<CreateKeyRequest, CreateKeyReply>("CreateKey",
            KeyRequests.Create(context.Principal().UserId, body), GrpcCalls.Options(context));
        return TypedResults.Created($"/api/v1/keys/{reply.Key.KeyId}", KeyView.From(reply.Key, reply.Secret));
    }

    private static async Task<IResult> ListAsync(HttpContext context, GrpcChannelProvider channels)
    {
        var page = PageQuery.From(context.Request, maxLimit: 200);
        var reply = await Keys(channels).UnaryAsync<ListKeysRequest, ListKeysReply>("ListKeys",
            new ListKeysRequest { UserId = context.Principal().UserId.ToString(), PageSize = page.Limit, PageToken = page.PageToken },
            GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(Page<KeyView>.Of(reply.Keys.Select(key => KeyView.From(key)), reply.NextPageToken));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, GrpcChannelProvider channels)
    {
        var key = await Keys(channels).UnaryAsync<GetKeyRequest, ApiKey>("GetKey",
            new GetKeyRequest { UserId = context.Principal().UserId.ToString(), KeyId = id.ToString() }, GrpcCalls.Options(context, idempotent: true));
        return TypedResults.Ok(KeyView.From(key));
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext context, GrpcChannelProvider channels, PrincipalCache principals)
    {
        var body = await JsonBody.ReadAsync<UpdateKeyBody>(context);
        var key = await Keys(channels).UnaryAsync<UpdateKeyRequest, ApiKey>("UpdateKey",
            KeyRequests.Update(context.Principal().UserId, id, body), GrpcCalls.Options(context));
        // identity's ApiKeyChanged evicts on every replica soon; this one answers with the new settings at once.
        principals.Evict(id, null);
        return TypedResults.Ok(KeyView.From(key));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext context, GrpcChannelProvider channels, PrincipalCache principals)
    {
        // Deleting twice is fine (204 both times); a key that never existed or is another user's is 404.
        await Keys(channels).UnaryAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey",
            new DeleteKeyRequest { UserId = context.Principal().UserId.ToString(), KeyId = id.ToString() }, GrpcCalls.Options(context, idempotent: true));
        principals.Evict(id, null);
        return TypedResults.NoContent();
    }

    private static GrpcCaller Keys(GrpcChannelProvider channels) => channels.CreateCaller("identity", KeysReflection.Descriptor.Services[0]);
}
