namespace Platform.UpstreamSim.Tests.Support;

/// <summary>What a checked Messages stream said.</summary>
public sealed class AnthropicStream
{
    public string Id { get; set; } = "";
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public string? StopReason { get; set; }
    public string? ErrorType { get; set; }
    public List<AnthropicBlock> Blocks { get; } = [];
}
