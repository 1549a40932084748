namespace Platform.UpstreamSim.Generation;

/// <summary>
/// Decides whether the simulated model calls a tool: when the request forces one, or when the last user turn names a
/// tool or says "tool". A turn that carries tool results gets a text answer, so agent loops end.
/// </summary>
internal static class ToolChoice
{
    /// <summary>The index of the tool to call, or -1 for a text answer.</summary>
    public static int Pick(IReadOnlyList<string> toolNames, string lastUserText, bool lastTurnIsToolResult, bool forbidden,
        bool required, string? forcedName)
    {
        if (toolNames.Count == 0 || forbidden || lastTurnIsToolResult)
        {
            return -1;
        }
        if (forcedName is not null)
        {
            return Index(toolNames, forcedName) is var forced and >= 0 ? forced : 0;
        }
        for (var i = 0; i < toolNames.Count; i++)
        {
            if (lastUserText.Contains(toolNames[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return required || lastUserText.Contains("tool", StringComparison.OrdinalIgnoreCase) ? 0 : -1;
    }

    private static int Index(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }
        return -1;
    }
}
