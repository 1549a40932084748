namespace Platform.Ledger;

/// <summary>A request_id came back with other parameters than its first use; replays must repeat the request exactly.</summary>
internal sealed class RequestIdReusedException(string message) : Exception(message);
