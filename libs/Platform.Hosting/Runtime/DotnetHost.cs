namespace Platform.Hosting.Runtime;

/// <summary>The dotnet executable that runs this process (so children use the same SDK and runtime).</summary>
internal static class DotnetHost
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : File.Exists("/usr/share/dotnet/dotnet") ? "/usr/share/dotnet/dotnet"
        : "/usr/bin/dotnet";
}
