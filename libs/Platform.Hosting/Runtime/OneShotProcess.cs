namespace Platform.Hosting.Runtime;

/// <summary>Runs a set-up command (initdb, dotnet build) to completion, its output appended to the resource log.</summary>
internal static class OneShotProcess
{
    public static async Task RunAsync(ProcessSpec spec, string what, CancellationToken cancellationToken)
    {
        using var process = await ProcessSpawner.StartAsync(spec);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new HostingException(
                $"{what} failed (exit code {process.ExitCode}). Last lines of {spec.LogFile}:{Environment.NewLine}{LogTail.Read(spec.LogFile)}");
        }
    }
}
