namespace Platform.EdgeRelay.Channels;

/// <summary>The names of <see cref="ChannelKind"/> in the admin API and the <c>channels.kind</c> column.</summary>
internal static class ChannelKindNames
{
    public const string Supported = "openai (also DeepSeek, Groq and other OpenAI-compatible APIs), azure-openai or sim";

    public static string Name(this ChannelKind kind) => kind switch
    {
        ChannelKind.OpenAi => "openai",
        ChannelKind.AzureOpenAi => "azure-openai",
        ChannelKind.Sim => "sim",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ChannelKind? Parse(string name) => name switch
    {
        "openai" => ChannelKind.OpenAi,
        "azure-openai" => ChannelKind.AzureOpenAi,
        "sim" => ChannelKind.Sim,
        _ => null,
    };
}
