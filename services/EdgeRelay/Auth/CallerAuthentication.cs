using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Errors;
using Platform.Grpc;

namespace Platform.EdgeRelay.Auth;

/// <summary>
/// Endpoint filters for the three kinds of caller: API keys (model calls), the management API (a management token or
/// an admin-flag key) and operators (the admin token). The authenticated principal is kept in <c>HttpContext.Items</c>.
/// </summary>
internal static class CallerAuthentication
{
    private static readonly object PrincipalKey = new();

    public static EdgePrincipal Principal(this HttpContext context) =>
        context.Items[PrincipalKey] as EdgePrincipal ?? throw new InvalidOperationException("the endpoint has no authentication filter");

    /// <summary>Model calls: an API key (a management token cannot call models).</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var (principal, failure) = await AuthenticateAsync(context.HttpContext);
            if (principal is null)
            {
                return failure;
            }
            if (principal.IsManagementToken)
            {
                return OpenAiError.Unauthorized("a management token (mt-...) manages keys; call models with an API key (sk-...) created with POST /api/v1/keys");
            }
            context.HttpContext.Items[PrincipalKey] = principal;
            return await next(context);
        });

    /// <summary>The management API: the user's management token, or an API key with the admin flag.</summary>
    public static TBuilder RequireManagement<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var (principal, failure) = await AuthenticateAsync(context.HttpContext);
            if (principal is null)
            {
                return failure;
            }
            if (!principal.MayManage)
            {
                return OpenAiError.Forbidden("this API key may call models but not the management API; use your management token (mt-...) or a key with admin: true");
            }
            context.HttpContext.Items[PrincipalKey] = principal;
            return await next(context);
        });

    /// <summary>Operator routes: <c>Authorization: Bearer &lt;admin token&gt;</c>, compared in constant time.</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var expected = context.HttpContext.RequestServices.GetRequiredService<IOptions<EdgeOptions>>().Value.AdminToken;
            var presented = SecretReader.Read(context.HttpContext.Request);
            if (expected.Length == 0)
            {
                return OpenAiError.Create(StatusCodes.Status503ServiceUnavailable, "operator routes are off: the edge has no admin token (set Edge__AdminToken)", "server_error", null, null);
            }
            if (presented is null || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            {
                return OpenAiError.Unauthorized("operator routes need Authorization: Bearer <admin token> (the AppHost's admin-token, in .platform/secrets.json)", "invalid_admin_token");
            }
            return await next(context);
        });

    private static async Task<(EdgePrincipal? Principal, IResult? Failure)> AuthenticateAsync(HttpContext context)
    {
        var secret = SecretReader.Read(context.Request);
        if (secret is null)
        {
            return (null, OpenAiError.Unauthorized("no API key: send Authorization: Bearer sk-... (or x-api-key: sk-...)", "missing_api_key"));
        }
        var cache = context.RequestServices.GetRequiredService<PrincipalCache>();
        AuthResult result;
        try
        {
            result = await cache.AuthenticateAsync(secret, context.Connection.RemoteIpAddress is { } ip ? Normalize(ip) : null, context.RequestAborted);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return (null, OpenAiError.Create(StatusCodes.Status503ServiceUnavailable, "the platform cannot check API keys right now; retry in a few seconds", "server_error", null, "auth_unavailable"));
        }
        return result.Principal is { } principal ? (principal, null) : (null, Refusal(result.Reason));
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IResult Refusal(AuthFailureReason reason) => reason switch
    {
        AuthFailureReason.Malformed => OpenAiError.Unauthorized("this is not a valid API key (its checksum does not match): copy the whole key, it starts with sk- and is 52 characters long"),
        AuthFailureReason.Unknown => OpenAiError.Unauthorized("unknown API key: check that it was copied completely, or create a new one with POST /api/v1/keys"),
        AuthFailureReason.Revoked => OpenAiError.Unauthorized("this API key was deleted; create a new one with POST /api/v1/keys", "revoked_api_key"),
        AuthFailureReason.Expired => OpenAiError.Unauthorized("this API key has expired; extend it with PATCH /api/v1/keys/{id} or create a new one", "expired_api_key"),
        AuthFailureReason.UserDisabled => OpenAiError.Forbidden("the account that owns this key is disabled; contact the operator", "account_disabled"),
        AuthFailureReason.IpNotAllowed => OpenAiError.Forbidden("this API key is not allowed from your IP address; add it to the key's allowed_ips with PATCH /api/v1/keys/{id}", "ip_not_allowed"),
        AuthFailureReason.QuotaSpent => OpenAiError.Create(StatusCodes.Status429TooManyRequests, "this API key has spent its quota; raise quota with PATCH /api/v1/keys/{id}", "insufficient_quota", null, "insufficient_quota"),
        _ => OpenAiError.Unauthorized("the API key was refused"),
    };
}
