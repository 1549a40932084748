namespace Platform.Ledger.Pricing;

/// <summary>A catalog change was based on a version that is no longer the latest.</summary>
internal sealed class CatalogConflictException(string message) : Exception(message);
