using Platform.Hosting.Runtime;

namespace Platform.Hosting.Resources.Projects;

/// <summary>
/// A .NET project of this repository, started from its build output with <c>dotnet &lt;assembly&gt;.dll</c>.
/// Kestrel endpoints come from configuration (<c>Kestrel__Endpoints__&lt;name&gt;__Url</c>), the same keys in a local
/// run and in a container.
/// </summary>
public sealed class ProjectResource(string name, string projectPath) : ServiceResource(name)
{
    /// <inheritdoc />
    public override string Kind => "project";

    /// <summary>The .csproj path relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;

    private string ProjectName => Path.GetFileNameWithoutExtension(ProjectPath);

    /// <summary>The assembly this run starts (the artifacts layout of Directory.Build.props).</summary>
    public string AssemblyPath(RunContext context) =>
        Path.Combine(context.RepositoryRoot, "artifacts", "bin", ProjectName, context.Options.BuildConfiguration.ToLowerInvariant(), $"{ProjectName}.dll");

    internal override IEnumerable<RequiredBinary> RequiredBinaries(HostingOptions options) => [new(DotnetHost.Path, "dotnet-sdk-10.0")];

    // The AppHost (and each test project) references its projects, so they are normally built already; this covers
    // a project whose output was cleaned away.
    internal override async Task PrepareAsync(RunContext context, CancellationToken cancellationToken)
    {
        var project = Path.Combine(context.RepositoryRoot, ProjectPath);
        if (!File.Exists(project))
        {
            throw new HostingException($"{this}: project file {project} does not exist.");
        }
        if (!File.Exists(AssemblyPath(context)))
        {
            Directory.CreateDirectory(context.Paths.LogsDirectory);
            var build = new ProcessSpec(DotnetHost.Path, ["build", project, "-c", context.Options.BuildConfiguration, "--nologo", "-v", "q"],
                new Dictionary<string, string>(), context.RepositoryRoot, context.Paths.LogFile(Name));
            await OneShotProcess.RunAsync(build, $"dotnet build of {this}", cancellationToken);
        }
    }

    internal override ProcessSpec Process(RunContext context, int replica, IReadOnlyDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "",
            ["ASPNETCORE_HTTP_PORTS"] = "",
        };
        foreach (var endpoint in EndpointList)
        {
            all[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = Url(context, endpoint, replica).ToString().TrimEnd('/');
            if (endpoint.Http2Only)
            {
                all[$"Kestrel__Endpoints__{endpoint.Name}__Protocols"] = "Http2";
            }
        }
        return new ProcessSpec(DotnetHost.Path, [AssemblyPath(context)], all,
            Path.GetDirectoryName(Path.Combine(context.RepositoryRoot, ProjectPath))!, context.Paths.LogFile(Name, replica));
    }
}
