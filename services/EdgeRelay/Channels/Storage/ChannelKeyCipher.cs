using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Auth;

namespace Platform.EdgeRelay.Channels.Storage;

/// <summary>
/// Encrypts upstream keys at rest with AES-256-GCM under <c>Edge:EncryptionKey</c>. A sealed key is
/// <c>[version][12-byte nonce][16-byte tag][ciphertext]</c>; the version names the master key, so a rotation can add
/// version 2 and still read version 1. The version and the channel id are authenticated too, so a sealed key copied to
/// another channel's row does not decrypt.
/// </summary>
internal sealed class ChannelKeyCipher(IOptions<EdgeOptions> options)
{
    private const byte CurrentVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly Lazy<byte[]> _masterKey = new(() => MasterKey(options.Value.EncryptionKey));

    /// <exception cref="EncryptionKeyUnavailableException">No usable encryption key is configured.</exception>
    public byte[] Encrypt(Guid channelId, string key)
    {
        var plaintext = Encoding.UTF8.GetBytes(key);
        var sealedKey = new byte[HeaderSize + plaintext.Length];
        sealedKey[0] = CurrentVersion;
        var nonce = sealedKey.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey.Value, TagSize);
        aes.Encrypt(nonce, plaintext, sealedKey.AsSpan(HeaderSize), sealedKey.AsSpan(1 + NonceSize, TagSize), AssociatedData(CurrentVersion, channelId));
        CryptographicOperations.ZeroMemory(plaintext);
        return sealedKey;
    }

    /// <exception cref="EncryptionKeyUnavailableException">No usable encryption key is configured.</exception>
    /// <exception cref="CryptographicException">The sealed key was altered, belongs to another channel or another master key.</exception>
    public string Decrypt(Guid channelId, byte[] sealedKey)
    {
        if (sealedKey.Length < HeaderSize || sealedKey[0] != CurrentVersion)
        {
            throw new CryptographicException($"the sealed key is not of version {CurrentVersion} or is truncated");
        }
        var plaintext = new byte[sealedKey.Length - HeaderSize];
        using var aes = new AesGcm(_masterKey.Value, TagSize);
        aes.Decrypt(sealedKey.AsSpan(1, NonceSize), sealedKey.AsSpan(HeaderSize), sealedKey.AsSpan(1 + NonceSize, TagSize), plaintext, AssociatedData(sealedKey[0], channelId));
        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] AssociatedData(byte version, Guid channelId)
    {
        var data = new byte[17];
        data[0] = version;
        channelId.TryWriteBytes(data.AsSpan(1));
        return data;
    }

    private const int MinSecretLength = 32;

    // The operator's secret is any random string of 32+ characters (the AppHost generates one; `openssl rand -base64 32`
    // makes one); HKDF turns it into the AES key, so its alphabet and exact length do not matter.
    private static byte[] MasterKey(string configured)
    {
        var secret = configured.Trim();
        if (secret.Length == 0)
        {
            throw new EncryptionKeyUnavailableException(
                "the edge has no encryption key, so upstream keys cannot be stored or read: set Edge__EncryptionKey to a random string of 32 or more characters (the AppHost's encryption-key parameter)");
        }
        if (secret.Length < MinSecretLength)
        {
            throw new EncryptionKeyUnavailableException(
                $"the edge's encryption key (Edge__EncryptionKey) has {secret.Length} characters; use a random string of {MinSecretLength} or more, e.g. from `openssl rand -base64 32`");
        }
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: "platform edge channel keys v1"u8.ToArray());
    }
}
