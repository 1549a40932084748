using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Secrets;

/// <summary>What is stored of a secret: its SHA-256. The secret has 256 random bits, so no salt or slow hash is needed.</summary>
internal static class SecretHash
{
    public static byte[] Of(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>Compares in constant time, so the time taken says nothing about how much of a hash matched.</summary>
    public static bool Matches(byte[] stored, byte[] presented) => CryptographicOperations.FixedTimeEquals(stored, presented);
}
