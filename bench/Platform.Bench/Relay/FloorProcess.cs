using System.Diagnostics;

namespace Platform.Bench.Relay;

/// <summary>
/// Runs <see cref="FloorForwarder"/> in a child process of this same executable (<c>relay --floor URL</c>), so its CPU
/// and memory are its own in /proc and it can be pinned like the edge, away from the load generator.
/// </summary>
internal sealed class FloorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FloorProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<FloorProcess> StartAsync(Uri upstream)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(FloorForwarder).Assembly.Location);
        }
        foreach (var argument in new[] { "relay", "--floor", upstream.AbsoluteUri })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the floor forwarder");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException("the floor forwarder exited before it listened");
        return new FloorProcess(process, new Uri(line.Trim()));
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its standard input is the floor's signal to stop.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
