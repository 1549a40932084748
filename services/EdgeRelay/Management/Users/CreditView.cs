namespace Platform.EdgeRelay.Management.Users;

/// <summary>The credit and the wallet after it; replayed when request_id had been used before (nothing changed).</summary>
internal sealed record CreditView(Guid UserId, string RequestId, long AmountMicroCoins, long BalanceMicroCoins, long HeldMicroCoins, bool Replayed);
