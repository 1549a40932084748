using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Server;
using Platform.Ledger.Pricing;
using ContractTokenCoins = Platform.Contracts.Ledger.V1.TokenCoins;
using TokenCoins = Platform.Ledger.Pricing.TokenCoins;
using Platform.Pricing;

namespace Platform.Ledger.Grpc;

/// <summary>ledger.v1.LedgerPricing: the versioned catalog, read by everyone and changed by operators.</summary>
internal sealed class PricingGrpcService(PriceCatalogStore store, PriceCatalogCache cache)
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;
    private const int UpdateAttempts = 3;

    public async Task<CatalogReply> GetCatalog(GetCatalogRequest request, ServerCallContext context)
    {
        if (request.Version < 0)
        {
            throw LedgerRequests.Invalid($"version must be a published version or 0 for the current one, not {request.Version}");
        }
        var record = await store.GetAsync(request.Version == 0 ? null : request.Version, context.CancellationToken)
            ?? throw new RpcException(StatusCode.NotFound, $"catalog version {request.Version} does not exist; list them with ListCatalogVersions");
        return ToReply(record);
    }

    public async Task<ListPricesReply> ListPrices(ListPricesRequest request, ServerCallContext context)
    {
        var current = await cache.CurrentAsync(context.CancellationToken);
        var schedule = current.Catalog.OffPeak;
        var reply = new ListPricesReply
        {
            Version = current.Version,
            OffPeak = new OffPeak
            {
                UtcOffsetMinutes = schedule.UtcOffsetMinutes, StartHour = schedule.StartHour, EndHour = schedule.EndHour,
                Weekends = schedule.Weekends, Factor = Text(schedule.Factor),
            },
        };
        foreach (var entry in PriceList.From(current.Catalog, request.ModelPrefix))
        {
            reply.Models.Add(new ModelPriceEntry
            {
                Model = entry.Model,
                Group = entry.Group,
                Multiplier = Text(entry.Multiplier),
                CoinsPerToken = ToContract(entry.PerToken),
                TierAbovePromptTokens = entry.TierAbovePromptTokens ?? 0,
                TierCoinsPerToken = ToContract(entry.TierPerToken),
                CoinsPerCall = entry.PerCall is { } perCall ? Text(perCall) : "",
            });
        }
        return reply;
    }

    public async Task<CatalogReply> PublishCatalog(PublishCatalogRequest request, ServerCallContext context)
    {
        var catalog = PricingRequests.Catalog(request.CatalogJson);
        var (changedBy, reason) = PricingRequests.Author(request.ChangedBy, request.Reason);
        return await Translate(async () => Published(await store.PublishAsync(
            catalog, PricingRequests.ExpectedVersion(request.ExpectedVersion), changedBy, reason, context.CancellationToken)));
    }

    /// <summary>Without expected_version a concurrent change is merged by re-applying the edit to the newer version.</summary>
    public async Task<CatalogReply> UpdateCatalog(UpdateCatalogRequest request, ServerCallContext context)
    {
        var edit = PricingRequests.Edit(request);
        var (changedBy, reason) = PricingRequests.Author(request.ChangedBy, request.Reason);
        var expected = PricingRequests.ExpectedVersion(request.ExpectedVersion);
        return await Translate(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var latest = await store.LatestAsync(context.CancellationToken)
                    ?? throw new InvalidOperationException("no price catalog is published; the ledger seeds one at start-up");
                try
                {
                    return Published(await store.PublishAsync(edit.ApplyTo(latest.Catalog), expected ?? latest.Version, changedBy, reason, context.CancellationToken));
                }
                catch (CatalogConflictException) when (expected is null && attempt < UpdateAttempts)
                {
                }
            }
        });
    }

    public async Task<ListCatalogVersionsReply> ListCatalogVersions(ListCatalogVersionsRequest request, ServerCallContext context)
    {
        var size = request.PageSize switch
        {
            0 => DefaultPageSize,
            > 0 and <= MaxPageSize => request.PageSize,
            _ => throw LedgerRequests.Invalid($"page_size must be 1 to {MaxPageSize} (0 for {DefaultPageSize}), not {request.PageSize}"),
        };
        var before = request.BeforeVersion switch
        {
            0 => (int?)null,
            > 0 => request.BeforeVersion,
            _ => throw LedgerRequests.Invalid($"before_version must be a version or 0 for the newest, not {request.BeforeVersion}"),
        };
        var reply = new ListCatalogVersionsReply();
        foreach (var change in await store.ListAsync(before, size, context.CancellationToken))
        {
            reply.Versions.Add(new CatalogVersionSummary
            {
                Version = change.Version, ChangedBy = change.ChangedBy, Reason = change.Reason, CreatedAt = Timestamp.FromDateTimeOffset(change.CreatedAt),
            });
        }
        return reply;
    }

    private CatalogReply Published(CatalogRecord record)
    {
        cache.Invalidate();
        return ToReply(record);
    }

    private static CatalogReply ToReply(CatalogRecord record) => new()
    {
        Version = record.Published.Version,
        CatalogJson = JsonSerializer.Serialize(record.Published.Catalog, CatalogJson.Options),
        ChangedBy = record.Change.ChangedBy,
        Reason = record.Change.Reason,
        CreatedAt = Timestamp.FromDateTimeOffset(record.Change.CreatedAt),
    };

    private static ContractTokenCoins? ToContract(TokenCoins? coins) => coins is null ? null : new ContractTokenCoins
    {
        Input = Text(coins.Input), Output = Text(coins.Output), CachedInput = Text(coins.CachedInput), CacheWrite = Text(coins.CacheWrite),
        AudioInput = Text(coins.AudioInput), AudioOutput = Text(coins.AudioOutput),
    };

    private static string Text(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PricingException exception)
        {
            throw LedgerRequests.Invalid(exception.Message);
        }
        catch (CatalogConflictException exception)
        {
            throw new RpcException(StatusCode.FailedPrecondition, exception.Message);
        }
    }
}
