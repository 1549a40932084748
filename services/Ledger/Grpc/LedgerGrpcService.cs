using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Server;
using Platform.Ledger.Accounts;
using Platform.Ledger.Holds;
using Platform.Ledger.Pricing;
using Platform.Pricing;

namespace Platform.Ledger.Grpc;

/// <summary>ledger.v1.Ledger: validates and translates; the stores decide.</summary>
internal sealed class LedgerGrpcService(AccountStore accounts, HoldStore holds, BudgetStore budgets, PriceCatalogCache prices, TimeProvider clock)
{
    public Task<HoldReply> Hold(HoldRequest request, ServerCallContext context) => Translate(async () =>
    {
        var requestId = LedgerRequests.RequestId(request.RequestId);
        var accountId = LedgerRequests.Wallet(request.AccountId);
        var ttl = LedgerRequests.Ttl(request.TtlSeconds);
        long amount;
        switch (request.EstimateCase)
        {
            case HoldRequest.EstimateOneofCase.AmountMicroCoins when request.AmountMicroCoins >= 0:
                amount = request.AmountMicroCoins;
                break;
            case HoldRequest.EstimateOneofCase.Usage:
                var catalog = await prices.CurrentAsync(context.CancellationToken);
                amount = PriceCalculator.Calculate(catalog, LedgerRequests.Usage(request.Usage), clock.GetUtcNow()).CostMicroCoins;
                break;
            default:
                throw LedgerRequests.Invalid("set amount_micro_coins (0 or more) or usage (an estimate to quote) on the hold");
        }

        return HoldReply(await holds.HoldAsync(requestId, accountId, amount, ttl, context.CancellationToken));
    });

    public Task<SettleReply> Settle(SettleRequest request, ServerCallContext context) => Translate(async () =>
    {
        if (request.BudgetId.Length > 0)
        {
            throw LedgerRequests.Invalid("budget_id is for SettleBatch; Settle settles the hold named by request_id, leave budget_id empty");
        }
        return SettleReply(await holds.SettleAsync(LedgerRequests.SettleCall(request), context.CancellationToken));
    });

    public Task<SettleBatchReply> SettleBatch(SettleBatchRequest request, ServerCallContext context) => Translate(async () =>
    {
        var outcomes = await budgets.SettleBatchAsync(LedgerRequests.SettleBatch(request), context.CancellationToken);
        var reply = new SettleBatchReply();
        reply.Items.AddRange(outcomes.Select(outcome => outcome.Settled is { } settled
            ? new SettleBatchItem { Settled = SettleReply(settled) }
            : new SettleBatchItem { Error = outcome.Error }));
        return reply;
    });

    public Task<VoidReply> Void(VoidRequest request, ServerCallContext context) => Translate(async () =>
    {
        var outcome = await holds.VoidAsync(LedgerRequests.RequestId(request.RequestId), context.CancellationToken);
        return new VoidReply
        {
            Result = outcome.Status switch
            {
                HoldStatus.Voided => VoidResult.Voided,
                HoldStatus.Settled => VoidResult.AlreadySettled,
                HoldStatus.Expired => VoidResult.Expired,
                _ => VoidResult.NotHeld,
            },
            ReleasedMicroCoins = outcome.Released,
            BalanceMicroCoins = outcome.Wallet.Balance,
            HeldMicroCoins = outcome.Wallet.Held,
            Replayed = outcome.Replayed,
        };
    });

    public Task<RenewReply> Renew(RenewRequest request, ServerCallContext context) => Translate(async () =>
    {
        var expiresAt = await holds.RenewAsync(LedgerRequests.RequestId(request.RequestId), LedgerRequests.Ttl(request.TtlSeconds), context.CancellationToken);
        return new RenewReply { ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) };
    });

    public Task<HoldReply> Raise(RaiseRequest request, ServerCallContext context) => Translate(async () =>
    {
        var requestId = LedgerRequests.RequestId(request.RequestId);
        if (request.AmountMicroCoins < 0)
        {
            throw LedgerRequests.Invalid($"amount_micro_coins is the hold's new total and cannot be negative ({request.AmountMicroCoins})");
        }
        var outcome = await budgets.RaiseAsync(requestId, request.AmountMicroCoins, LedgerRequests.Ttl(request.TtlSeconds), context.CancellationToken);
        return HoldReply(outcome);
    });

    public Task<OpenAccountReply> OpenAccount(OpenAccountRequest request, ServerCallContext context) => Translate(async () =>
        new OpenAccountReply { Created = await accounts.OpenAsync(LedgerRequests.Wallet(request.AccountId), context.CancellationToken) });

    public Task<BalanceReply> GetBalance(GetBalanceRequest request, ServerCallContext context) => Translate(async () =>
    {
        var wallet = await accounts.GetBalanceAsync(LedgerRequests.Wallet(request.AccountId), context.CancellationToken);
        return new BalanceReply
        {
            BalanceMicroCoins = wallet.Balance,
            HeldMicroCoins = wallet.Held,
            AvailableMicroCoins = wallet.Available,
            AvailableCoins = Coins.ToCoins(wallet.Available).ToString(CultureInfo.InvariantCulture),
            AvailableUsd = decimal.Round(Coins.ToUsd(wallet.Available), 6).ToString(CultureInfo.InvariantCulture),
            AvailableCny = decimal.Round(Coins.ToCny(wallet.Available), 6).ToString(CultureInfo.InvariantCulture),
        };
    });

    public Task<CreditReply> Credit(CreditRequest request, ServerCallContext context) => Translate(async () =>
    {
        var requestId = LedgerRequests.RequestId(request.RequestId);
        var accountId = LedgerRequests.Wallet(request.AccountId);
        if (request.AmountMicroCoins <= 0)
        {
            throw LedgerRequests.Invalid($"amount_micro_coins must be positive, not {request.AmountMicroCoins}");
        }
        var source = request.Source switch
        {
            CreditSource.Payment => CreditSourceKind.Payment,
            CreditSource.Operator => CreditSourceKind.Operator,
            _ => throw LedgerRequests.Invalid("set source to CREDIT_SOURCE_PAYMENT or CREDIT_SOURCE_OPERATOR"),
        };
        var outcome = await accounts.CreditAsync(requestId, accountId, request.AmountMicroCoins, source, context.CancellationToken);
        return new CreditReply { BalanceMicroCoins = outcome.Wallet.Balance, HeldMicroCoins = outcome.Wallet.Held, Replayed = outcome.Replayed };
    });

    public Task<QuoteReply> Quote(QuoteRequest request, ServerCallContext context) => Translate(async () =>
    {
        var catalog = await prices.CurrentAsync(context.CancellationToken);
        var quote = PriceCalculator.Calculate(catalog, LedgerRequests.Usage(request.Usage), clock.GetUtcNow());
        return new QuoteReply
        {
            CostMicroCoins = quote.CostMicroCoins,
            PriceVersion = catalog.Version,
            PriceSnapshotJson = JsonSerializer.Serialize(quote.Snapshot, CatalogJson.Options),
        };
    });

    private static HoldReply HoldReply(HoldOutcome outcome) => new()
    {
        Result = outcome.Status == HoldStatus.Refused ? HoldResult.InsufficientBalance : HoldResult.Held,
        AmountMicroCoins = outcome.Amount,
        AvailableMicroCoins = outcome.AvailableAfter,
        ExpiresAt = Timestamp.FromDateTimeOffset(outcome.ExpiresAt),
        Replayed = outcome.Replayed,
    };

    private static SettleReply SettleReply(SettleOutcome outcome) => new()
    {
        CostMicroCoins = outcome.Cost,
        ChargedMicroCoins = outcome.Charged,
        WrittenOffMicroCoins = outcome.WrittenOff,
        BalanceMicroCoins = outcome.Wallet.Balance,
        HeldMicroCoins = outcome.Wallet.Held,
        PriceVersion = outcome.PriceVersion,
        Replayed = outcome.Replayed,
        DrawnFromBudgetMicroCoins = outcome.FromBudget,
    };

    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PricingException exception)
        {
            throw new RpcException(StatusCode.InvalidArgument, exception.Message);
        }
        catch (RequestIdReusedException exception)
        {
            throw new RpcException(StatusCode.AlreadyExists, exception.Message);
        }
        catch (HoldNotFoundException exception)
        {
            throw new RpcException(StatusCode.NotFound, exception.Message);
        }
        catch (HoldStateException exception)
        {
            throw new RpcException(StatusCode.FailedPrecondition, exception.Message);
        }
    }
}
