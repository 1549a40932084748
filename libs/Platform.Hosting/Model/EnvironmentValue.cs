using Platform.Hosting.Runtime;

namespace Platform.Hosting.Model;

/// <summary>An environment variable's value in a local run and its expression in the manifest.</summary>
internal sealed record EnvironmentValue(Func<RunContext, string> Live, string Manifest)
{
    public static EnvironmentValue Literal(string value) => new(_ => value, value);
}
