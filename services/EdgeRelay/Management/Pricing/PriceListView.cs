namespace Platform.EdgeRelay.Management.Pricing;

/// <summary>GET /api/v1/pricing: every model's price in coins at catalog <see cref="Version"/>.</summary>
internal sealed record PriceListView(int Version, OffPeakView? OffPeak, IReadOnlyList<ModelPriceView> Models);
