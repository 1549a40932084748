using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Grpc;

/// <summary>The real service process, started as the AppHost starts it, called through our gRPC client.</summary>
public sealed class LedgerGrpcTests(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    private LedgerProcess _process = null!;
    private GrpcCaller _ledger = null!;

    public async ValueTask InitializeAsync()
    {
        _process = await LedgerProcess.StartAsync(infrastructure);
        _ledger = _process.Caller(LedgerReflection.Descriptor.Services[0]);
    }

    [Fact]
    public async Task CreditHoldSettleAndBalance_ThroughGrpc()
    {
        var account = Guid.NewGuid().ToString();
        await _ledger.CallAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
        {
            RequestId = "pay-1", AccountId = account, AmountMicroCoins = 100 * Coins.MicroPerCoin, Source = CreditSource.Payment,
        });
        var usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 8 };

        var quote = await _ledger.CallAsync<QuoteRequest, QuoteReply>("Quote", new QuoteRequest { Usage = usage });
        var hold = await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "call-1", AccountId = account, Usage = usage });
        var refused = await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "call-2", AccountId = account, AmountMicroCoins = 1_000 * Coins.MicroPerCoin });
        var settle = await _ledger.CallAsync<SettleRequest, SettleReply>("Settle", new SettleRequest
        {
            RequestId = "call-1", Usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 16 }, ClientIp = "198.51.100.1",
        });
        var balance = await _ledger.CallAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = account });

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
    public async Task OpenAccount_CreatesAnEmptyWalletOnce_AndRefusesPlatformAccounts()
    {
        var account = Guid.NewGuid().ToString();

        var first = await _ledger.CallAsync<OpenAccountRequest, OpenAccountReply>("OpenAccount", new OpenAccountRequest { AccountId = account });
        await _ledger.CallAsync<CreditRequest, CreditReply>("Credit", new CreditRequest { RequestId = "open-grant", AccountId = account, AmountMicroCoins = 7, Source = CreditSource.Operator });
        var again = await _ledger.CallAsync<OpenAccountRequest, OpenAccountReply>("OpenAccount", new OpenAccountRequest { AccountId = account });
        var balance = await _ledger.CallAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = account });
        var platform = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<OpenAccountRequest, OpenAccountReply>(
            "OpenAccount", new OpenAccountRequest { AccountId = Platform.Ledger.Accounts.PlatformAccounts.Revenue.ToString() }));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(7, balance.BalanceMicroCoins);
        Assert.Equal(StatusCode.InvalidArgument, platform.StatusCode);
    }

    [Fact]
    public async Task Void_ReleasesAndReplays_ThroughGrpc()
    {
        var account = Guid.NewGuid().ToString();
        await _ledger.CallAsync<CreditRequest, CreditReply>("Credit", new CreditRequest { RequestId = "grant", AccountId = account, AmountMicroCoins = 5, Source = CreditSource.Operator });
        await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "v", AccountId = account, AmountMicroCoins = 5 });

        var voided = await _ledger.CallAsync<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "v" });
        var replay = await _ledger.CallAsync<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "v" });

        Assert.Equal((VoidResult.Voided, 5L, false), (voided.Result, voided.ReleasedMicroCoins, voided.Replayed));
        Assert.Equal((VoidResult.Voided, 5L, true), (replay.Result, replay.ReleasedMicroCoins, replay.Replayed));
    }

    [Fact]
    public async Task BadInput_AndStateErrors_HaveStatusCodesAndMessages()
    {
        var account = Guid.NewGuid().ToString();
        await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "dup", AccountId = account, AmountMicroCoins = 0 });

        var badAccount = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "x", AccountId = "bob", AmountMicroCoins = 1 }));
        var noEstimate = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "x", AccountId = account }));
        var unknownModel = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<QuoteRequest, QuoteReply>("Quote", new QuoteRequest { Usage = new() { Model = "no-such-model", PromptTokens = 1 } }));
        var reused = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "dup", AccountId = account, AmountMicroCoins = 7 }));
        var missing = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "never-held" }));

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
        await _process.DisposeAsync();
    }
}
