namespace Platform.UpstreamSim.Control;

/// <summary>The <c>UpstreamSim</c> configuration section (appsettings.json or <c>UpstreamSim__*</c> variables).</summary>
internal sealed class SimOptions
{
    public const string Section = "UpstreamSim";

    /// <summary>Upstream keys the simulator accepts, for every provider. Empty accepts any non-empty key.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Directives applied to every request before its own <c>x-sim</c> header, in the header's syntax.</summary>
    public string Defaults { get; set; } = "";
}
