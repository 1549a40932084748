using System.Collections.Frozen;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Relay;

/// <summary>
/// Who owns a model for /v1/models' <c>owned_by</c>: the provider group the price catalog files it under (openai,
/// anthropic, google, deepseek, ...). Read from the ledger's price list at most every five minutes, not per call.
/// </summary>
internal sealed class ModelOwners(GrpcChannelProvider channels, TimeProvider clock, ILogger<ModelOwners> logger)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private FrozenDictionary<string, string> _groups = FrozenDictionary<string, string>.Empty;
    private long _loadedAt = long.MinValue;

    public async ValueTask<string> OwnerOfAsync(string model, CancellationToken cancellationToken)
    {
        if (_loadedAt == long.MinValue || clock.GetElapsedTime(_loadedAt) > RefreshAfter)
        {
            await RefreshAsync(cancellationToken);
        }
        return _groups.GetValueOrDefault(model) ?? "system";
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_loadedAt != long.MinValue && clock.GetElapsedTime(_loadedAt) <= RefreshAfter)
            {
                return;
            }
            var prices = await channels.CreateCaller("ledger", PricingReflection.Descriptor.Services[0]).UnaryAsync<ListPricesRequest, ListPricesReply>(
                "ListPrices", new ListPricesRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5), idempotent: true, cancellationToken: cancellationToken));
            _groups = prices.Models.ToFrozenDictionary(m => m.Model, m => m.Group, StringComparer.Ordinal);
        }
        catch (RpcException exception)
        {
            // Stale owners are better than a failed model list; the next call tries again.
            logger.LogWarning(exception, "Reading model owners from the ledger's price list failed");
        }
        finally
        {
            _loadedAt = clock.GetTimestamp();
            _refresh.Release();
        }
    }
}
