namespace Platform.Ledger.Holds;

internal sealed class HoldNotFoundException(string requestId)
    : Exception($"no hold has request_id '{requestId}'; call Hold first and settle or void with the same request_id");
