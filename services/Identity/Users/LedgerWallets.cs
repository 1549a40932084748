using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.Identity.Users;

/// <summary>Opens users' wallets in the ledger (ledger.v1.Ledger/OpenAccount at services__ledger__grpc__0).</summary>
internal sealed class LedgerWallets(GrpcChannelProvider channels)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Opens the wallet of <paramref name="userId"/>; an existing wallet is fine (OpenAccount is idempotent, so it is retried).</summary>
    /// <exception cref="LedgerUnavailableException">The ledger is not configured, not reachable or refused.</exception>
    public async Task OpenAsync(Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            var ledger = channels.CreateCaller("ledger", LedgerReflection.Descriptor.Services[0]);
            await ledger.UnaryAsync<OpenAccountRequest, OpenAccountReply>("OpenAccount",
                new OpenAccountRequest { AccountId = userId.ToString() },
                new CallOptions(deadline: DateTime.UtcNow + Timeout, idempotent: true, cancellationToken: cancellationToken));
        }
        catch (RpcException exception) when (exception.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw new LedgerUnavailableException($"{exception.StatusCode}: {exception.Detail}", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new LedgerUnavailableException(exception.Message, exception);
        }
    }
}
