namespace Platform.Hosting.Console;

/// <summary>Timestamped lines, for logs and CI where there is no terminal to redraw.</summary>
internal sealed class PlainLines : RunConsole
{
    public override void Report(string message) => System.Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public override void ShowReady(IReadOnlyList<string> hints)
    {
        foreach (var hint in hints)
        {
            System.Console.WriteLine(hint);
        }
        Report("all resources are healthy; Ctrl+C stops them");
    }
}
