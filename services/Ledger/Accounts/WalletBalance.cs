namespace Platform.Ledger.Accounts;

/// <summary>A wallet's maintained balance and the part of it reserved by active holds, in micro-coins.</summary>
internal readonly record struct WalletBalance(long Balance, long Held)
{
    public long Available => Balance - Held;
}
