namespace Platform.UpstreamSim.Generation;

/// <summary>Seeded prose, one word per token: the pieces are what a stream sends, one per delta.</summary>
internal static class TextGenerator
{
    public static string[] Pieces(ref SeededRandom random, int tokens)
    {
        var pieces = new string[tokens];
        var untilSentenceEnd = random.Next(6, 14);
        var capital = true;
        for (var i = 0; i < tokens; i++)
        {
            var end = --untilSentenceEnd == 0 || i == tokens - 1;
            pieces[i] = Vocabulary.Piece(random.Next(Vocabulary.Count), leadingSpace: i > 0, capital, end);
            capital = end;
            if (end)
            {
                untilSentenceEnd = random.Next(6, 14);
            }
        }
        return pieces;
    }

    /// <summary>Answer length when the request does not fix one: 16 to 63 tokens.</summary>
    public static int DefaultLength(ref SeededRandom random) => random.Next(16, 64);
}
