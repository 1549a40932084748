using System.Text;

namespace Platform.UpstreamSim.Tests.Support;

/// <summary>One content block of a checked stream, its deltas joined.</summary>
public sealed class AnthropicBlock(string type)
{
    public string Type { get; } = type;
    public string? ToolName { get; set; }
    public string? Signature { get; set; }
    public int Deltas { get; set; }
    public StringBuilder Content { get; } = new();
}
