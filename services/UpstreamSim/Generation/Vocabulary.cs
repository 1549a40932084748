namespace Platform.UpstreamSim.Generation;

/// <summary>Words with their spellings precomputed, so streaming a token allocates nothing.</summary>
internal static class Vocabulary
{
    private static readonly string[] Words =
    [
        "the", "relay", "stream", "token", "answer", "model", "request", "simple", "quick", "data", "light", "river",
        "stone", "cloud", "signal", "window", "garden", "number", "system", "bright", "quiet", "steady", "little",
        "across", "under", "between", "every", "clear", "green", "silver", "morning", "evening", "paper", "bridge",
        "pattern", "careful", "open", "measure", "simulated", "upstream", "channel", "balance", "ledger", "picture",
        "voice", "search", "result", "ready", "again", "together", "forward", "within", "around", "gentle", "rapid",
        "useful", "honest", "common", "warm", "cold", "north", "south", "east", "west",
    ];

    // [leading space, capitalised, sentence end] -> spelling.
    private static readonly string[][] Spellings = Words.Select(Variants).ToArray();

    public static int Count => Words.Length;

    public static string Piece(int word, bool leadingSpace, bool capitalised, bool endsSentence) =>
        Spellings[word][(leadingSpace ? 4 : 0) + (capitalised ? 2 : 0) + (endsSentence ? 1 : 0)];

    private static string[] Variants(string word)
    {
        var capital = char.ToUpperInvariant(word[0]) + word[1..];
        string[] plain = [word, word + ".", capital, capital + "."];
        return [.. plain, .. plain.Select(text => " " + text)];
    }
}
