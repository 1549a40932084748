namespace Platform.EdgeRelay.Relay.Billing;

internal enum RaiseResult
{
    Raised,
    InsufficientBalance,
    Unavailable,
}
