using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Identity.Grpc;
using Platform.Identity.Users;
using Platform.ServiceDefaults.ServiceDiscovery;

namespace Platform.Identity.Tests.Users;

/// <summary>What CreateUser answers when the wallet cannot be opened (the wallet is opened before the user is stored).</summary>
public sealed class LedgerWalletsTests
{
    [Fact]
    public async Task UnreachableLedger_IsUnavailable_SayingNoUserWasCreated()
    {
        using var channels = Channels(new() { ["services:ledger:grpc:0"] = "http://127.0.0.1:1" });

        var error = await Assert.ThrowsAsync<RpcException>(() => OpenThroughTheGrpcLayer(channels));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("the ledger could not open the new user's wallet", error.Detail);
        Assert.Contains("no user was created, try again", error.Detail);
    }

    [Fact]
    public async Task MissingLedgerAddress_IsUnavailable_NamingTheSetting()
    {
        using var channels = Channels([]);

        var error = await Assert.ThrowsAsync<RpcException>(() => OpenThroughTheGrpcLayer(channels));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("services__ledger__grpc__0", error.Detail);
    }

    private static GrpcChannelProvider Channels(Dictionary<string, string?> settings) => new(
        new ServiceEndpointResolver(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()),
        Options.Create(new GrpcChannelOptions { MaxRetryAttempts = 0, ConnectTimeout = TimeSpan.FromSeconds(2) }));

    private static Task<bool> OpenThroughTheGrpcLayer(GrpcChannelProvider channels) => DomainErrors.Translate(async () =>
    {
        await new LedgerWallets(channels).OpenAsync(Guid.NewGuid(), TestContext.Current.CancellationToken);
        return true;
    });
}
