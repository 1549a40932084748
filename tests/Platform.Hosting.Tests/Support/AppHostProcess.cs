using System.Diagnostics;
using Platform.Hosting.Runtime;

namespace Platform.Hosting.Tests.Support;

/// <summary>The real AppHost executable, run as a child process of the test.</summary>
internal static class AppHostProcess
{
    public static string Assembly => Path.Combine(RepositoryRoot.Find(), "artifacts", "bin", "AppHost", "debug", "AppHost.dll");

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Find(),
        };
        info.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return Process.Start(info)!;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Reads the AppHost's output until a line contains <paramref name="text"/>.</summary>
    public static async Task WaitForLineAsync(Process process, string text, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            seen.Add(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }
        throw new InvalidOperationException($"The AppHost ended without printing '{text}':\n{string.Join('\n', seen)}\n{await process.StandardError.ReadToEndAsync()}");
    }

    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
