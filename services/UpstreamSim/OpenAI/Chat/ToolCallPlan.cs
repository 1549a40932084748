namespace Platform.UpstreamSim.OpenAI.Chat;

/// <summary>The one function call an answer makes; <see cref="Fragments"/> are its streamed argument deltas.</summary>
internal sealed record ToolCallPlan(string Id, string Name, string Arguments, string[] Fragments);
