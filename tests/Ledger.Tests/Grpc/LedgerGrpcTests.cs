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

    [Fact]
    public async Task Raise_ThroughGrpc_RaisesReplaysRefusesAndSaysWhatIsWrong()
    {
        var account = Guid.NewGuid().ToString();
        await _ledger.CallAsync<CreditRequest, CreditReply>("Credit", new CreditRequest { RequestId = "raise-grant", AccountId = account, AmountMicroCoins = 100, Source = CreditSource.Operator });
        await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "bud-r", AccountId = account, AmountMicroCoins = 10 });
        await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "voided-r", AccountId = account, AmountMicroCoins = 1 });
        await _ledger.CallAsync<VoidRequest, VoidReply>("Void", new VoidRequest { RequestId = "voided-r" });

        var raised = await _ledger.CallAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest { RequestId = "bud-r", AmountMicroCoins = 60, TtlSeconds = 60 });
        var replay = await _ledger.CallAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest { RequestId = "bud-r", AmountMicroCoins = 60 });
        var refused = await _ledger.CallAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest { RequestId = "bud-r", AmountMicroCoins = 101 });
        var missing = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest { RequestId = "no-such-hold", AmountMicroCoins = 1 }));
        var voided = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest { RequestId = "voided-r", AmountMicroCoins = 2 }));
        var negative = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<RaiseRequest, HoldReply>("Raise", new RaiseRequest { RequestId = "bud-r", AmountMicroCoins = -1 }));

        Assert.Equal((HoldResult.Held, 60L, 40L, false), (raised.Result, raised.AmountMicroCoins, raised.AvailableMicroCoins, raised.Replayed));
        Assert.Equal((HoldResult.Held, 60L, true), (replay.Result, replay.AmountMicroCoins, replay.Replayed));
        Assert.Equal((HoldResult.InsufficientBalance, 60L, 40L), (refused.Result, refused.AmountMicroCoins, refused.AvailableMicroCoins));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, voided.StatusCode);
        Assert.Contains("voided", voided.Detail);
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
    }

    [Fact]
    public async Task SettleBatch_ThroughGrpc_DrawsSettlesAndFailsItemsAlone_InRequestOrder()
    {
        var account = Guid.NewGuid().ToString();
        await _ledger.CallAsync<CreditRequest, CreditReply>("Credit", new CreditRequest { RequestId = "batch-grant", AccountId = account, AmountMicroCoins = 100 * Coins.MicroPerCoin, Source = CreditSource.Operator });
        await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "bud-b", AccountId = account, AmountMicroCoins = 15 * Coins.MicroPerCoin });
        await _ledger.CallAsync<HoldRequest, HoldReply>("Hold", new HoldRequest { RequestId = "own-b", AccountId = account, AmountMicroCoins = 5 * Coins.MicroPerCoin });
        var usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 8 };
        var request = new SettleBatchRequest
        {
            Items =
            {
                new SettleRequest { RequestId = "draw-1", BudgetId = "bud-b", Usage = usage, KeyId = "key-1" },
                new SettleRequest { RequestId = "own-b", Usage = usage },
                new SettleRequest { RequestId = "draw-2", BudgetId = "no-such-budget", Usage = usage },
                new SettleRequest { RequestId = "draw-3", BudgetId = "bud-b", Usage = usage },
            },
        };

        var reply = await _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", request);
        var replay = await _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", request);
        var balance = await _ledger.CallAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = account });

        Assert.Equal(4, reply.Items.Count);
        // 11 coins each: draw-1 all from the 15-coin budget, draw-3 its last 4 and 7 more, own-b from its own hold.
        Assert.Equal((11 * Coins.MicroPerCoin, 11 * Coins.MicroPerCoin, false), (reply.Items[0].Settled.ChargedMicroCoins, reply.Items[0].Settled.DrawnFromBudgetMicroCoins, reply.Items[0].Settled.Replayed));
        Assert.Equal((11 * Coins.MicroPerCoin, 0L), (reply.Items[1].Settled.ChargedMicroCoins, reply.Items[1].Settled.DrawnFromBudgetMicroCoins));
        Assert.Null(reply.Items[2].Settled);
        Assert.Contains("no budget has request_id 'no-such-budget'", reply.Items[2].Error);
        Assert.Equal((11 * Coins.MicroPerCoin, 4 * Coins.MicroPerCoin), (reply.Items[3].Settled.ChargedMicroCoins, reply.Items[3].Settled.DrawnFromBudgetMicroCoins));
        Assert.All(new[] { 0, 1, 3 }, i => Assert.True(replay.Items[i].Settled.Replayed));
        Assert.Equal(reply.Items[3].Settled.DrawnFromBudgetMicroCoins, replay.Items[3].Settled.DrawnFromBudgetMicroCoins);
        Assert.Equal((67 * Coins.MicroPerCoin, 0L), (balance.BalanceMicroCoins, balance.HeldMicroCoins));
    }

    [Fact]
    public async Task SettleBatch_MalformedBatchesAreInvalidArgument_NamingTheItemAndField()
    {
        var usage = new Contracts.Ledger.V1.Usage { Model = "gpt-4o-2024-05-13", PromptTokens = 8 };
        SettleBatchRequest Batch(params SettleRequest[] items) => new() { Items = { items } };
        var tooMany = Batch(Enumerable.Range(0, 1_001).Select(i => new SettleRequest { RequestId = $"m-{i}", BudgetId = "b", Usage = usage }).ToArray());

        var empty = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", Batch()));
        var large = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", tooMany));
        var twice = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", Batch(
            new SettleRequest { RequestId = "a", BudgetId = "b", Usage = usage }, new SettleRequest { RequestId = "c", BudgetId = "b", Usage = usage },
            new SettleRequest { RequestId = "a", BudgetId = "b", Usage = usage })));
        var badIp = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", Batch(
            new SettleRequest { RequestId = "a", BudgetId = "b", Usage = usage }, new SettleRequest { RequestId = "c", BudgetId = "b", Usage = usage, ClientIp = "nowhere" })));
        var noModel = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<SettleBatchRequest, SettleBatchReply>("SettleBatch", Batch(
            new SettleRequest { RequestId = "a", BudgetId = "b" })));
        var budgetOnSettle = await Assert.ThrowsAsync<RpcException>(() => _ledger.CallAsync<SettleRequest, SettleReply>("Settle",
            new SettleRequest { RequestId = "a", BudgetId = "b", Usage = usage }));

        Assert.All(new[] { empty, large, twice, badIp, noModel, budgetOnSettle }, e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Contains("1 to 1000 items, not 0", empty.Detail);
        Assert.Contains("not 1001", large.Detail);
        Assert.Contains("items[2]: request_id 'a' is also items[0]'s", twice.Detail);
        Assert.Contains("items[1]: client_ip 'nowhere'", badIp.Detail);
        Assert.Contains("items[0]: usage.model is required", noModel.Detail);
        Assert.Contains("budget_id is for SettleBatch", budgetOnSettle.Detail);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
    }
}
