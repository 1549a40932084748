using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Hosting;
using Platform.Testing;

namespace Platform.Ledger.Tests.Grpc;

/// <summary>The real service process, started as the AppHost starts it, called through our gRPC client.</summary>
public sealed class LedgerGrpcTests(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    private DistributedApplication _app = null!;
    private string _state = null!;
    private GrpcChannel _channel = null!;
    private GrpcCaller _ledger = null!;

    public async ValueTask InitializeAsync()
    {
        _state = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N")[..12]);
        var builder = DistributedApplication.CreateBuilder(new HostingOptions { StateDirectory = _state, Interactive = false });
        builder.AddProject("ledger", "services/Ledger/Ledger.csproj")
            .WithHttp2Endpoint("grpc")
            .WithEnvironment("ConnectionStrings__ledgerdb", await infrastructure.CreateDatabaseAsync("ledger"))
            .WithEnvironment("ConnectionStrings__rabbitmq", infrastructure.RabbitMqConnectionString);
        _app = builder.Build();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _channel = GrpcChannel.ForAddress(_app.GetEndpoint("ledger", "grpc"));
        _ledger = _channel.CreateCaller(LedgerReflection.Descriptor.Services[0]);
    }

    private Task<TReply> Call<TRequest, TReply>(string method, TRequest request) where TRequest : class, Google.Protobuf.IMessage<TRequest> where TReply : class, Google.Protobuf.IMessage<TReply> =>
        _ledger.UnaryAsync<TRequest, TReply>(method, request, new CallOptions(cancellationToken: TestContext.Current.CancellationToken)).ResponseAsync;

    [Fact]
    public async Task CreditHoldSettleAndBalance_ThroughGrpc()
    {
        var account = Guid.NewGuid().ToString();
        await Call<CreditRequest, CreditReply>("Credit", new CreditRequest
        {
            RequestId = "pay-1", AccountId = account, AmountMicroCoins = 100 * Coins.MicroPerCoin, Source = CreditSource.Payment,
        });
        var usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 8 };

        var quote = await Call<QuoteRequest, QuoteReply>("Quote", new QuoteRequest { Usage = usage });
        var hold = await Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "call-1", AccountId = account, Usage = usage });
        var refused = await Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "call-2", AccountId = account, AmountMicroCoins = 1_000 * Coins.MicroPerCoin });
        var settle = await Call<SettleRequest, SettleReply>("Settle", new SettleRequest
        {
            RequestId = "call-1", Usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 16 }, ClientIp = "198.51.100.1",
        });
        var balance = await Call<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = account });

        Assert.Equal(11 * Coins.MicroPerCoin, quote.CostMicroCoins);
        Assert.Equal(HoldResult.Held, hold.Result);
        Assert.Equal(11 * Coins.MicroPerCoin, hold.AmountMicroCoins);
        Assert.Equal(HoldResult.InsufficientBalance, refused.Result);
        Assert.Equal(22 * Coins.MicroPerCoin, settle.ChargedMicroCoins);
        Assert.Equal(78 * Coins.MicroPerCoin, balance.AvailableMicroCoins);
        Assert.Equal("78", balance.AvailableCoins);
        Assert.Equal("0.000312", balance.AvailableUsd);
    }

    [Fact]
    public async Task Void_ReleasesAndReplays_ThroughGrpc()
    {
        var account = Guid.NewGuid().ToString();
        await Call<CreditRequest, CreditReply>("Credit", new CreditRequest { RequestId = "grant", AccountId = account, AmountMicroCoins = 5, Source = CreditSource.Operator });
        await Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "v", AccountId = account, AmountMicroCoins = 5 });

        var voided = await Call<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "v" });
        var replay = await Call<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "v" });

        Assert.Equal((VoidResult.Voided, 5L, false), (voided.Result, voided.ReleasedMicroCoins, voided.Replayed));
        Assert.Equal((VoidResult.Voided, 5L, true), (replay.Result, replay.ReleasedMicroCoins, replay.Replayed));
    }

    [Fact]
    public async Task BadInput_AndStateErrors_HaveStatusCodesAndMessages()
    {
        var account = Guid.NewGuid().ToString();
        await Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "dup", AccountId = account, AmountMicroCoins = 0 });

        var badAccount = await Assert.ThrowsAsync<RpcException>(() => Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "x", AccountId = "bob", AmountMicroCoins = 1 }));
        var noEstimate = await Assert.ThrowsAsync<RpcException>(() => Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "x", AccountId = account }));
        var unknownModel = await Assert.ThrowsAsync<RpcException>(() => Call<QuoteRequest, QuoteReply>("Quote", new QuoteRequest { Usage = new() { Model = "no-such-model", PromptTokens = 1 } }));
        var reused = await Assert.ThrowsAsync<RpcException>(() => Call<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "dup", AccountId = account, AmountMicroCoins = 7 }));
        var missing = await Assert.ThrowsAsync<RpcException>(() => Call<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "never-held" }));

        Assert.Equal(StatusCode.InvalidArgument, badAccount.StatusCode);
        Assert.Contains("not a UUID", badAccount.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noEstimate.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, unknownModel.StatusCode);
        Assert.Contains("no-such-model", unknownModel.Detail);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        Directory.Delete(_state, recursive: true);
    }
}
