using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Projects;

/// <summary>A plain program; its endpoints' ports are passed in the environment variables the endpoints name.</summary>
public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> arguments)
    : ServiceResource(name)
{
    /// <inheritdoc />
    public override string Kind => "executable";

    /// <summary>The program (absolute path or a name on PATH).</summary>
    public string Command { get; } = command;

    internal override IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options) =>
        Path.IsPathRooted(Command) ? [new(Command, "(the package that provides it)")] : [];

    internal override Task PrepareAsync(RunContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    internal override ProcessSpec Process(RunContext context, int replica, IReadOnlyDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>(environment);
        foreach (var endpoint in EndpointList.Where(e => e.PortEnvironmentVariable is not null))
        {
            all[endpoint.PortEnvironmentVariable!] = context.Port(this, endpoint.Name, replica, endpoint.FixedPort).ToString();
        }
        return new ProcessSpec(Command, arguments, all, Path.GetFullPath(workingDirectory, context.RepositoryRoot),
            context.Paths.LogFile(Name, replica));
    }
}
