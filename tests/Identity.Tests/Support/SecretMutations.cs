using Platform.Identity.Secrets;

namespace Platform.Identity.Tests.Support;

/// <summary>Every single-character typo of a secret, and as many more at random (seeded) as asked for.</summary>
internal static class SecretMutations
{
    public const int Seed = 20261122;

    // Characters a paste or a keyboard slip brings in besides base62 ones.
    private const string Strangers = "-_+/=.~ *!\"'\\:;,%#@$&é\t";

    /// <summary>
    /// Every deletion; every substitution of every position by every other base62 character; then, up to
    /// <paramref name="count"/>, random insertions of any character at any position and random substitutions by
    /// characters outside base62.
    /// </summary>
    public static List<string> Of(string secret, int count, int seed)
    {
        var mutations = new List<string>(count);
        for (var i = 0; i < secret.Length; i++)
        {
            mutations.Add(secret.Remove(i, 1));
        }
        for (var i = 0; i < secret.Length; i++)
        {
            foreach (var c in Base62.Alphabet.Where(c => c != secret[i]))
            {
                mutations.Add(Substitute(secret, i, c));
            }
        }
        var random = new Random(seed);
        var anyCharacter = Base62.Alphabet + Strangers;
        while (mutations.Count < count)
        {
            var mutation = random.Next(2) == 0
                ? secret.Insert(random.Next(secret.Length + 1), anyCharacter[random.Next(anyCharacter.Length)].ToString())
                : Substitute(secret, random.Next(secret.Length), Strangers[random.Next(Strangers.Length)]);
            // The prefix's own '-' substituted by '-' is no typo.
            if (mutation != secret)
            {
                mutations.Add(mutation);
            }
        }
        return mutations;
    }

    private static string Substitute(string secret, int index, char c) => string.Create(secret.Length, (secret, index, c), static (text, state) =>
    {
        state.secret.CopyTo(text);
        text[state.index] = state.c;
    });
}
