using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Platform.Grpc.Tests.Interop;

/// <summary>
/// The grpc-js peer: installs @grpc/grpc-js and @grpc/proto-loader once (npm ci into
/// artifacts/node/grpc-interop, skipped while the lock file is unchanged), runs
/// grpc-interop.js as a client, and starts it as a server.
/// </summary>
public sealed class NodeInterop : IAsyncLifetime
{
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_clientTimeout = TimeSpan.FromSeconds(30);

    private readonly string _interopDirectory = Path.Combine(AppContext.BaseDirectory, "Interop");
    private string _nodeModules = "";
    private NodeServer? _server;

    public string Script => Path.Combine(_interopDirectory, "grpc-interop.js");

    public async ValueTask InitializeAsync()
    {
        var installDirectory = InstallDirectory();
        _nodeModules = Path.Combine(installDirectory, "node_modules");
        var lockFile = Path.Combine(_interopDirectory, "package-lock.json");
        var stamp = Path.Combine(_nodeModules, ".installed-package-lock.json");
        if (File.Exists(stamp) && File.ReadAllText(stamp) == File.ReadAllText(lockFile))
        {
            return;
        }
        Directory.CreateDirectory(installDirectory);
        File.Copy(Path.Combine(_interopDirectory, "package.json"), Path.Combine(installDirectory, "package.json"), overwrite: true);
        File.Copy(lockFile, Path.Combine(installDirectory, "package-lock.json"), overwrite: true);
        // --ignore-scripts: nothing in these packages needs an install script.
        var (exitCode, output, error) = await RunAsync(
            "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], installDirectory, s_installTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {installDirectory} failed ({exitCode}):\n{output}\n{error}");
        }
        File.Copy(lockFile, stamp, overwrite: true);
    }

    /// <summary>One call by the grpc-js client; the JSON line it printed.</summary>
    public async Task<JsonElement> CallAsync(Uri address, string service, string method, object request, object? options = null)
    {
        var (exitCode, output, error) = await RunAsync(
            "node",
            [Script, "client", $"{address.Host}:{address.Port}", service, method, JsonSerializer.Serialize(request), JsonSerializer.Serialize(options ?? new { })],
            _interopDirectory,
            s_clientTimeout);
        if (exitCode != 0 || string.IsNullOrWhiteSpace(output))
        {
            throw new InvalidOperationException($"grpc-js client failed ({exitCode}):\n{output}\n{error}");
        }
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>The grpc-js echo server, started on first use and shared.</summary>
    public async Task<NodeServer> ServerAsync() => _server ??= await NodeServer.StartAsync(Start("node", [Script, "server"], _interopDirectory));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static string InstallDirectory()
    {
        // Under artifacts/ (git-ignored, beside the build output) so a clean checkout stays clean.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (directory.Name == "artifacts")
            {
                return Path.Combine(directory.FullName, "node", "grpc-interop");
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "node", "grpc-interop");
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, workingDirectory);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await output, await error);
    }

    private Process Start(string fileName, string[] arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["NODE_PATH"] = _nodeModules;
        return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }
}
