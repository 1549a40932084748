namespace Platform.Hosting.Console;

/// <summary>What a person sees while the AppHost runs: a live table on a terminal, plain lines otherwise.</summary>
internal abstract class RunConsole : IAsyncDisposable
{
    public static RunConsole Create(DistributedApplication app)
    {
        RunConsole console = app.Options.Interactive ? new LiveResourceTable(app) : new PlainLines();
        app.Event += console.Report;
        return console;
    }

    public abstract void Report(string message);

    /// <summary>Called once every resource is healthy: says how to reach the platform (<paramref name="hints"/> from ready hooks).</summary>
    public abstract void ShowReady(IReadOnlyList<string> hints);

    /// <summary>Called when a stop was asked for.</summary>
    public virtual void ShowStopping() => Report("stopping...");

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
