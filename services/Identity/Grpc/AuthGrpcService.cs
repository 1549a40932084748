using Platform.Contracts.Identity.V1;
using Platform.Grpc.Server;
using Platform.Identity.Auth;

namespace Platform.Identity.Grpc;

/// <summary>identity.v1.Auth: the edge's question "who is this secret?".</summary>
internal sealed class AuthGrpcService(Authenticator authenticator)
{
    public async Task<AuthenticateReply> Authenticate(AuthenticateRequest request, ServerCallContext context)
    {
        var outcome = await authenticator.AuthenticateAsync(request.Secret, IdentityRequests.ClientIp(request.ClientIp), context.CancellationToken);
        return outcome.Principal is { } principal
            ? new AuthenticateReply { Principal = IdentityMessages.ToMessage(principal) }
            : new AuthenticateReply { Reason = IdentityMessages.ToMessage(outcome.Failure!.Value) };
    }
}
