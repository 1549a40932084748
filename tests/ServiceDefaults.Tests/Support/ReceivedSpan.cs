namespace Platform.ServiceDefaults.Tests.Support;

/// <param name="Scope">The instrumentation scope, i.e. the ActivitySource name.</param>
internal sealed record ReceivedSpan(
    string Name,
    string Scope,
    IReadOnlyDictionary<string, string> Resource,
    IReadOnlyDictionary<string, string> Attributes);
