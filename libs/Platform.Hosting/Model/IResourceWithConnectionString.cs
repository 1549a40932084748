using Platform.Hosting.Runtime;

namespace Platform.Hosting.Model;

/// <summary>A resource that a reference turns into <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public interface IResourceWithConnectionString
{
    /// <summary>The resource name.</summary>
    string Name { get; }

    /// <summary>The manifest expression, e.g. <c>{postgres.connectionString};Database=ledgerdb</c>.</summary>
    string ConnectionStringExpression { get; }

    /// <summary>The live connection string; only valid once the resource's endpoints are allocated.</summary>
    string GetConnectionString(RunContext context);
}
