using System.Security.Cryptography;

namespace Platform.Identity.Secrets;

/// <summary>
/// The text of every secret Identity issues: a prefix ("sk-" for API keys, "mt-" for management tokens), 43 random
/// base62 characters (256 bits from <see cref="RandomNumberGenerator"/>) and 6 base62 characters of the CRC-32 of
/// prefix and body. The checksum refuses a mistyped secret without a database lookup: a character substituted in the
/// body changes one byte, an error CRC-32 always detects (it detects every error within 32 consecutive bits); one
/// substituted in the checksum changes the checksum's value; one in the prefix changes the prefix; an inserted or
/// deleted character changes the fixed length.
/// </summary>
internal static class SecretFormat
{
    public const string ApiKeyPrefix = "sk-";
    public const string ManagementTokenPrefix = "mt-";
    public const int PrefixLength = 3;
    public const int RandomLength = 43;
    public const int ChecksumLength = 6;
    public const int Length = PrefixLength + RandomLength + ChecksumLength;

    /// <summary>A new secret with <paramref name="prefix"/> ("sk-" or "mt-").</summary>
    public static string Generate(string prefix) => Compose(prefix, RandomNumberGenerator.GetString(Base62.Alphabet, RandomLength));

    /// <summary>Whether <paramref name="secret"/> has <paramref name="prefix"/>, the length, the alphabet and a matching checksum.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> secret, string prefix)
    {
        if (secret.Length != Length || !secret.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var signed = secret[..(PrefixLength + RandomLength)];
        foreach (var c in signed[PrefixLength..])
        {
            if (Base62.ValueOf(c) < 0)
            {
                return false;
            }
        }
        return Base62.TryDecode(secret[^ChecksumLength..], out var checksum) && checksum == Crc32.Of(signed);
    }

    /// <summary>Prefix, body and the body's checksum; <paramref name="body"/> must be <see cref="RandomLength"/> base62 characters.</summary>
    internal static string Compose(string prefix, string body)
    {
        if (prefix.Length != PrefixLength || body.Length != RandomLength)
        {
            throw new ArgumentException($"a secret is a {PrefixLength}-character prefix and {RandomLength} characters of body");
        }
        return string.Create(Length, (prefix, body), static (text, parts) =>
        {
            parts.prefix.CopyTo(text);
            parts.body.CopyTo(text[PrefixLength..]);
            Base62.Encode(Crc32.Of(text[..(PrefixLength + RandomLength)]), text[^ChecksumLength..]);
        });
    }
}
