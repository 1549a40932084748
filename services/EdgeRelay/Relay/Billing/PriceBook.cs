using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Pricing;

namespace Platform.EdgeRelay.Relay.Billing;

/// <summary>
/// The ledger's price catalog, kept in memory: the edge prices a call's worst case before it runs (what it reserves
/// from the wallet's budget) with the same calculator the ledger charges with, and names a model's owner for
/// /v1/models, without a call per request. Refreshed in the background every <see cref="RefreshAfter"/>; only the
/// first load is waited for, and a model the copy does not know triggers a reload (at most once a second), so a
/// model an operator just priced is usable at once.
/// </summary>
internal sealed partial class PriceBook(GrpcChannelProvider channels, TimeProvider clock, ILogger<PriceBook> logger)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MissReloadAfter = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private CatalogVersion? _current;
    private long _loadedAt;
    private Task<CatalogVersion>? _loading;

    /// <summary>The worst-case cost of a call in micro-coins: its prompt estimate and its whole output cap at today's prices.</summary>
    /// <exception cref="PricingException">The catalog has no usable price for the model.</exception>
    /// <exception cref="RpcException">The ledger could not be asked for a first catalog.</exception>
    public async ValueTask<long> WorstCaseAsync(string model, long promptTokens, long outputTokens, CancellationToken cancellationToken)
    {
        var usage = new TokenUsage(model, promptTokens, outputTokens);
        var catalog = await CurrentAsync(cancellationToken);
        if (catalog.Catalog.Find(model) is null && clock.GetElapsedTime(_loadedAt) > MissReloadAfter)
        {
            catalog = await LoadAsync(cancellationToken);
        }
        return PriceCalculator.Calculate(catalog, usage, clock.GetUtcNow()).CostMicroCoins;
    }

    /// <summary>The provider group the catalog files a model under (openai, anthropic, ...), or "system".</summary>
    public async ValueTask<string> OwnerOfAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            return (await CurrentAsync(cancellationToken)).Catalog.Find(model)?.Group ?? "system";
        }
        catch (RpcException)
        {
            return "system"; // a model list without owners beats a failed model list
        }
    }

    private ValueTask<CatalogVersion> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is null)
        {
            return new ValueTask<CatalogVersion>(LoadAsync(cancellationToken));
        }
        if (clock.GetElapsedTime(_loadedAt) > RefreshAfter)
        {
            _ = LoadAsync(CancellationToken.None); // callers keep the copy they have meanwhile
        }
        return new ValueTask<CatalogVersion>(current);
    }

    // One load at a time; concurrent callers share it.
    private Task<CatalogVersion> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return (_loading ??= Task.Run(FetchAsync, CancellationToken.None)).WaitAsync(cancellationToken);
        }
    }

    private async Task<CatalogVersion> FetchAsync()
    {
        try
        {
            var reply = await channels.CreateCaller("ledger", PricingReflection.Descriptor.Services[0]).UnaryAsync<GetCatalogRequest, CatalogReply>(
                "GetCatalog", new GetCatalogRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5), idempotent: true));
            var loaded = new CatalogVersion(reply.Version, CatalogJson.Parse(reply.CatalogJson));
            _current = loaded;
            return loaded;
        }
        catch (RpcException exception) when (_current is { } stale)
        {
            LogRefreshFailed(exception);
            return stale;
        }
        finally
        {
            _loadedAt = clock.GetTimestamp();
            lock (_gate)
            {
                _loading = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the price catalog from the ledger failed; pricing with the copy from before")]
    private partial void LogRefreshFailed(Exception exception);
}
