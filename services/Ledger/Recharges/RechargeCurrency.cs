namespace Platform.Ledger.Recharges;

internal enum RechargeCurrency
{
    Cny,
    Usd,
}
