namespace Platform.Hosting.Model;

/// <summary>
/// A value given to the AppHost: generated once and kept in <c>.platform/secrets.json</c>, or supplied
/// as configuration <c>Parameters__&lt;name&gt;</c> (Aspire's convention).
/// </summary>
public sealed class ParameterResource(string name, bool secret, int generatedLength) : Resource(name)
{
    /// <inheritdoc />
    public override string Kind => "parameter";

    /// <summary>Whether the value is a secret (never printed, file mode 0600).</summary>
    public bool Secret { get; } = secret;

    /// <summary>Length of a generated value (base62 characters).</summary>
    public int GeneratedLength { get; } = generatedLength;

    /// <summary>The manifest expression for the value.</summary>
    public string ValueExpression => $"{{{Name}.value}}";
}
