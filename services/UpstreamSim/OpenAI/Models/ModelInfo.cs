namespace Platform.UpstreamSim.OpenAI.Models;

/// <summary>A model the simulator lists; embedding models carry their native dimension.</summary>
internal sealed record ModelInfo(string Id, long Created, string OwnedBy, int EmbeddingDimensions = 0);
