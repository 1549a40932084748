using Platform.Hosting.Model;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Postgres;

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString
{
    /// <inheritdoc />
    public override string Kind => "database";

    /// <summary>The server holding the database.</summary>
    public PostgresServerResource Server { get; } = server;

    internal override IEnumerable<Resource> StartDependencies => WaitsFor.Append(Server);

    /// <inheritdoc />
    public string ConnectionStringExpression => $"{{{Server.Name}.connectionString}};Database={Name}";

    /// <inheritdoc />
    public string GetConnectionString(RunContext context) => $"{Server.GetConnectionString(context)};Database={Name}";
}
