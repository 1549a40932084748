using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Channels.Storage;
using Platform.EdgeRelay.Tests.Support;

namespace Platform.EdgeRelay.Tests.Channels;

public sealed class ChannelKeyCipherTests
{
    private const string Key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly Guid ChannelId = Guid.NewGuid();

    [Fact]
    public void Encrypt_RoundTrips_WithAFreshNonceEachTime()
    {
        var cipher = Cipher(EdgeStack.EncryptionKey);

        var first = cipher.Encrypt(ChannelId, Key);
        var second = cipher.Encrypt(ChannelId, Key);

        Assert.Equal(Key, cipher.Decrypt(ChannelId, first));
        Assert.Equal(Key, cipher.Decrypt(ChannelId, second));
        Assert.NotEqual(first, second);
        Assert.Equal(1, first[0]); // the master key's version, for a later rotation
        Assert.Equal(1 + 12 + 16 + Encoding.UTF8.GetByteCount(Key), first.Length);
        Assert.False(Contains(first, Encoding.UTF8.GetBytes(Key)));
    }

    [Theory]
    [InlineData(5)]   // nonce
    [InlineData(20)]  // tag
    [InlineData(40)]  // ciphertext
    public void Decrypt_RefusesATamperedKey(int index)
    {
        var cipher = Cipher(EdgeStack.EncryptionKey);
        var sealedKey = cipher.Encrypt(ChannelId, Key);

        sealedKey[index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(ChannelId, sealedKey));
    }

    [Fact]
    public void Decrypt_RefusesAKeyCopiedFromAnotherChannel()
    {
        var cipher = Cipher(EdgeStack.EncryptionKey);

        var sealedKey = cipher.Encrypt(ChannelId, Key);

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(Guid.NewGuid(), sealedKey));
    }

    [Fact]
    public void Decrypt_RefusesAKeySealedUnderAnotherMasterKey()
    {
        var sealedKey = Cipher(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Encrypt(ChannelId, Key);

        Assert.ThrowsAny<CryptographicException>(() => Cipher(EdgeStack.EncryptionKey).Decrypt(ChannelId, sealedKey));
    }

    [Theory]
    [InlineData("", "no encryption key")]
    [InlineData("short secret", "has 12 characters")]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZg==", "has 24 characters")]
    public void Encrypt_WithoutAUsableMasterKey_SaysHowToSetOne(string configured, string expected)
    {
        var failure = Assert.Throws<EncryptionKeyUnavailableException>(() => Cipher(configured).Encrypt(ChannelId, Key));

        Assert.Contains(expected, failure.Message);
        Assert.Contains("Edge__EncryptionKey", failure.Message);
    }

    private static ChannelKeyCipher Cipher(string encryptionKey) => new(Options.Create(new EdgeOptions { EncryptionKey = encryptionKey }));

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
