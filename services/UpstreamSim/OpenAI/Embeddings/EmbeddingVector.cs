using Platform.UpstreamSim.Generation;

namespace Platform.UpstreamSim.OpenAI.Embeddings;

/// <summary>
/// A deterministic unit vector per (model, input). Components come from one seeded sequence, so a shorter
/// <c>dimensions</c> is the renormalised prefix of the full vector, as with OpenAI's v3 models.
/// </summary>
internal static class EmbeddingVector
{
    public static void Fill(Span<float> vector, string model, string input)
    {
        var seed = new ContentSeed();
        seed.Add(model);
        seed.Add(input);
        var random = new SeededRandom(seed.Value);
        var sum = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = random.NextSigned();
            sum += vector[i] * (double)vector[i];
        }
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
