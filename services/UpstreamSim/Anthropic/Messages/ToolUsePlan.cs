namespace Platform.UpstreamSim.Anthropic.Messages;

/// <summary>A <c>tool_use</c> block; <see cref="Fragments"/> are its <c>input_json_delta</c> pieces.</summary>
internal sealed record ToolUsePlan(string Id, string Name, string InputJson, string[] Fragments);
