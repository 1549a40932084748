using System.Collections.Frozen;

namespace Platform.UpstreamSim.OpenAI.Models;

/// <summary>
/// What <c>GET /v1/models</c> lists. Chat and completion endpoints answer any model name, so a relay can be tested
/// with names of its own; embeddings use the dimension listed here (1536 for names not listed).
/// </summary>
internal static class ModelCatalog
{
    public const int DefaultEmbeddingDimensions = 1536;

    public static IReadOnlyList<ModelInfo> All { get; } =
    [
        new("gpt-4o", 1715367049, "system"),
        new("gpt-4o-mini", 1721172741, "system"),
        new("gpt-4.1", 1744316542, "system"),
        new("gpt-4.1-mini", 1744318173, "system"),
        new("o3-mini", 1737146383, "system"),
        new("gpt-3.5-turbo", 1677610602, "openai"),
        new("gpt-3.5-turbo-instruct", 1692901427, "system"),
        new("text-embedding-3-small", 1705948997, "system", 1536),
        new("text-embedding-3-large", 1705953180, "system", 3072),
        new("text-embedding-ada-002", 1671217299, "openai-internal", 1536),
        new("omni-moderation-latest", 1731689265, "system"),
        new("dall-e-3", 1698785189, "system"),
        new("gpt-image-1", 1745517030, "system"),
        new("tts-1", 1681940951, "openai-internal"),
        new("gpt-4o-mini-tts", 1742403959, "system"),
    ];

    private static readonly FrozenDictionary<string, ModelInfo> ById = All.ToFrozenDictionary(model => model.Id, StringComparer.Ordinal);

    public static ModelInfo? Find(string id) => ById.GetValueOrDefault(id);
}
