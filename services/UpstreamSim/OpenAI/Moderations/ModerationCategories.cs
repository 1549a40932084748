namespace Platform.UpstreamSim.OpenAI.Moderations;

/// <summary>
/// Every category omni-moderation reports, with the words that make the simulator flag it. Deterministic on purpose:
/// a test flags an input by including one of these words.
/// </summary>
internal static class ModerationCategories
{
    public static IReadOnlyList<(string Name, string[] Triggers)> All { get; } =
    [
        ("harassment", ["idiot", "harass"]),
        ("harassment/threatening", ["i will find you"]),
        ("hate", ["hate"]),
        ("hate/threatening", ["exterminate"]),
        ("illicit", ["steal", "counterfeit"]),
        ("illicit/violent", ["build a bomb"]),
        ("self-harm", ["hurt myself"]),
        ("self-harm/intent", ["want to hurt myself"]),
        ("self-harm/instructions", ["how to hurt myself"]),
        ("sexual", ["explicit"]),
        ("sexual/minors", ["minor explicit"]),
        ("violence", ["kill", "attack"]),
        ("violence/graphic", ["gore"]),
    ];
}
