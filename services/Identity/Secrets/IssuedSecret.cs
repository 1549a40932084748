namespace Platform.Identity.Secrets;

/// <summary>A freshly generated secret: the text to show once, and what is stored of it.</summary>
internal sealed record IssuedSecret(string Secret, byte[] Hash, string DisplayPrefix, string LastFour)
{
    /// <summary>Characters shown at the start of a stored secret: the prefix and 4 of the random body.</summary>
    public const int DisplayPrefixLength = SecretFormat.PrefixLength + 4;

    public static IssuedSecret Generate(string prefix)
    {
        var secret = SecretFormat.Generate(prefix);
        return new IssuedSecret(secret, SecretHash.Of(secret), secret[..DisplayPrefixLength], secret[^4..]);
    }

    // A record prints every property; this one must never put the secret into a log or an exception message.
    public override string ToString() => $"{DisplayPrefix}...{LastFour}";
}
